app_name = "quota"

urlpatterns: list = []
