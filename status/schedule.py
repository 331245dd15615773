PERIODIC_TASKS = {
    "Kandas status: expire unextended statuses (STA-9)": ("status.tasks.statuses_expire_task",
                                                           {"minute": "5", "hour": "0"}),
}
