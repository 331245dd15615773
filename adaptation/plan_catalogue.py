"""The 25 adaptation and integration services of app.1 (order 331-Ө-М p.32) and the wording app.3 prints in
its columns 3–27 (the same order; app.3 differs in columns 17 and 22), with who each service is for.

Applicability (ADA-14: measures are planned separately for each family member, p.33) — what a CC specialist
expects when the rules are silent:
- FAMILY: once per family, planned for the applicant (certificate, housing, land, state support, coal);
- ALL: every member; ADULT: 18 and over (or age unknown); MILITARY: men 18–50 (military-liable and
  conscripts); SCHOOL: 6–17; PRESCHOOL: under 6. Age is taken on the quota inclusion date.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

FAMILY, ALL, ADULT, MILITARY, SCHOOL, PRESCHOOL = "family", "all", "adult", "military", "school", "preschool"
TERM_TABLE = "ADA-14"


@dataclass(frozen=True)
class Service:
    number: int
    app1_ru: str
    app3_ru: str
    kk: str
    en: str
    applies: str
    months: int  # the default term (months from the quota inclusion date) seeded into the term table

    @property
    def key(self) -> str:
        return f"s{self.number:02d}"

    @property
    def column(self) -> int:
        return self.number + 2


def _s(n, app1, kk, en, applies, months, app3=None):
    return Service(n, app1, app3 or app1, kk, en, applies, months)


SERVICES: tuple[Service, ...] = (
    _s(1, "Регистрация кандаса, его семьи в \"Базе мобильных граждан\"",
       "Қандасты, оның отбасын \"Мобильді азаматтар базасында\" тіркеу",
       "Registration of the kandas and family in the \"Mobile citizens base\"", ALL, 1),
    _s(2, "Регистрация кандаса, его семьи в \"Цифровой карте семьи\"",
       "Қандасты, оның отбасын \"Отбасының цифрлық картасында\" тіркеу",
       "Registration of the kandas and family in the \"Digital family map\"", ALL, 1),
    _s(3, "Сбор документов и содействие в получении сертификата экономической мобильности",
       "Құжаттарды жинау және экономикалық ұтқырлық сертификатын алуға жәрдемдесу",
       "Collecting documents and help to obtain the economic-mobility certificate", FAMILY, 3),
    _s(4, "Поиск, подбор жилища в регионе расселения для получения средств по сертификату экономической "
          "мобильности на приобретение и/или строительство жилья",
       "Экономикалық ұтқырлық сертификаты бойынша тұрғын үй сатып алуға және/немесе салуға қаражат алу үшін "
       "қоныстандыру өңірінде тұрғын үй іздеу, таңдау",
       "Search for housing in the settlement region for the economic-mobility certificate", FAMILY, 6),
    _s(5, "Содействие в предоставлении земельного участка", "Жер учаскесін беруге жәрдемдесу",
       "Help to obtain a land plot", FAMILY, 12),
    _s(6, "Содействие в получении электронной цифровой подписи", "Электрондық цифрлық қолтаңба алуға жәрдемдесу",
       "Help to obtain an electronic digital signature", ADULT, 1),
    _s(7, "Содействие в регистрации по месту жительства", "Тұрғылықты жері бойынша тіркелуге жәрдемдесу",
       "Help with registration at the place of residence", ALL, 1),
    _s(8, "Содействие в оказании услуг по постановке на воинский учет военнообязанных и призывников",
       "Әскери міндеттілер мен әскерге шақырылушыларды әскери есепке қою бойынша қызметтер көрсетуге жәрдемдесу",
       "Help with military registration of those liable and conscripts", MILITARY, 2),
    _s(9, "Содействие по прикреплению к организациям начального основного, среднего, общего среднего образования",
       "Бастауыш, негізгі орта, жалпы орта білім беру ұйымдарына бекітуге жәрдемдесу",
       "Help with enrolment in a primary or secondary school", SCHOOL, 1),
    _s(10, "Содействие по прикреплению и зачислению детей в дошкольные организации",
       "Балаларды мектепке дейінгі ұйымдарға бекітуге және қабылдауға жәрдемдесу",
       "Help with enrolment of children in pre-school organisations", PRESCHOOL, 2),
    _s(11, "Прикрепление к медицинской организации оказывающей первичную медико-санитарную помощь",
       "Медициналық-санитариялық алғашқы көмек көрсететін медициналық ұйымға бекіту",
       "Attachment to a primary health-care clinic", ALL, 1),
    _s(12, "Получение мер государственной поддержки", "Мемлекеттік қолдау шараларын алу",
       "Obtaining state support measures", FAMILY, 3),
    _s(13, "Оказание услуг семье кандаса по подготовке к зиме (приобретение угля)",
       "Қандас отбасына қысқа дайындық бойынша қызметтер көрсету (көмір сатып алу)",
       "Help the family prepare for winter (buying coal)", FAMILY, 6),
    _s(14, "Содействие в оказании услуг в рамках гарантированного объема бесплатной медицинской помощи",
       "Тегін медициналық көмектің кепілдік берілген көлемі шеңберінде қызметтер көрсетуге жәрдемдесу",
       "Help with the guaranteed volume of free medical care", ALL, 3),
    _s(15, "Регистрация лиц, ищущих работу", "Жұмыс іздеуші адамдарды тіркеу", "Registration as a job seeker",
       ADULT, 1, app3="Регистрация лиц ищущих работу"),
    _s(16, "Регистрация в информационной системе \"Рынок труда\"", "\"Еңбек нарығы\" ақпараттық жүйесінде тіркеу",
       "Registration in the \"Labour market\" information system", ADULT, 1),
    _s(17, "Регистрация безработных", "Жұмыссыздарды тіркеу", "Registration as unemployed", ADULT, 2),
    _s(18, "Выдача направлений на участие в активных мерах содействия занятости",
       "Жұмыспен қамтуға жәрдемдесудің белсенді шараларына қатысуға жолдама беру",
       "Referrals to active employment measures", ADULT, 3),
    _s(19, "Оказание правовой помощи (консультации и помощь в подаче документов, заключения трудового соглашения)",
       "Құқықтық көмек көрсету (кеңес беру және құжаттарды тапсыруға, еңбек шартын жасасуға көмек)",
       "Legal help (advice, filing documents, concluding a labour contract)", ADULT, 3),
    _s(20, "Прикрепление к курсам по обучению языкам, истории, культуре и традициям, основам законодательства "
           "Республики Казахстан",
       "Тілдерді, тарихты, мәдениет пен дәстүрлерді, Қазақстан Республикасы заңнамасының негіздерін оқыту "
       "курстарына бекіту",
       "Enrolment in courses in languages, history, culture, traditions and the basics of the law", ADULT, 6,
       app3="Прикрепление к курсам по обучению языкам, истории, культуре и традициям Республики Казахстан, "
            "основам законодательства"),
    _s(21, "Посещение различных культурных мероприятий (театры, кино, концерты)",
       "Түрлі мәдени іс-шараларға (театр, кино, концерт) бару",
       "Visits to cultural events (theatres, cinema, concerts)", ALL, 12),
    _s(22, "Обеспечение методическими пособиями, для самостоятельного изучения обучающих курсов для кандасов",
       "Қандастарға арналған оқу курстарын өз бетінше оқуға әдістемелік құралдармен қамтамасыз ету",
       "Study materials for the kandas courses", ADULT, 6),
    _s(23, "Содействие в вопросах приобретения гражданства и подготовки документов",
       "Азаматтық алу және құжаттарды дайындау мәселелерінде жәрдемдесу",
       "Help with acquiring citizenship and preparing the documents", ALL, 12),
    _s(24, "Содействие в получении услуг по переводу правоустанавливающих документов на казахский язык",
       "Құқық белгілейтін құжаттарды қазақ тіліне аударту қызметтерін алуға жәрдемдесу",
       "Help with translating title documents into Kazakh", ADULT, 3),
    _s(25, "Предоставление информационных и справочных услуг", "Ақпараттық және анықтамалық қызметтер көрсету",
       "Information and reference services", ALL, 1),
)
BY_NUMBER = {s.number: s for s in SERVICES}

APP3_HEAD_RU = ("№", "Индивидуальный идентификационный номер кандасов")
APP3_TITLE_RU = "Информация о выполненных работах по мероприятиям плана адаптации и интеграции"


def age_on(birth: datetime.date | None, on: datetime.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def service_applies(service: Service, *, is_applicant: bool, birth: datetime.date | None, sex: str,
                    on: datetime.date) -> bool:
    age = age_on(birth, on)
    if service.applies == FAMILY:
        return is_applicant
    if service.applies == ALL:
        return True
    if service.applies == ADULT:
        return age is None or age >= 18
    if service.applies == MILITARY:
        return sex == "M" and age is not None and 18 <= age <= 50
    if service.applies == SCHOOL:
        return age is not None and 6 <= age <= 17
    if service.applies == PRESCHOOL:
        return age is not None and age < 6
    return False
