app_name = "status_api"

urlpatterns: list = []
