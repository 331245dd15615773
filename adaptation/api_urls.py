app_name = "adaptation_api"

urlpatterns: list = []
