app_name = "quota_api"

urlpatterns: list = []
