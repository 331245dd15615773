app_name = "adaptation"

urlpatterns: list = []
