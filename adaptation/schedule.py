PERIODIC_TASKS = {
    "Residence: lapse unused referrals (RES-7)": ("adaptation.tasks.residence_referrals_lapse",
                                                   {"minute": "10", "hour": "0"}),
    "Residence: end residence at status end / 6 months (RES-10)": ("adaptation.tasks.residence_end_due",
                                                                    {"minute": "20", "hour": "0"}),
    "Adaptation services: job-search periods that ended (ADA-8)": ("adaptation.tasks.support_job_searches_lapse",
                                                                  {"minute": "30", "hour": "0"}),
}
