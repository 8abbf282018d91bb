from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jtai.accounts"
    verbose_name = "Accounts and access"
