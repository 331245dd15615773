PERIODIC_TASKS = {
    # QUO-12: each list for the coming year is opened on 1 November, with its 14 December deadline in "My work".
    "Quota: open next year's lists of localities": ("quota.tasks.locality_lists_open_task",
                                                    {"minute": "0", "hour": "3", "day_of_month": "1",
                                                     "month_of_year": "11"}),
}
