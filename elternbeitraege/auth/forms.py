"""Sign-in, registration and password forms."""
from __future__ import annotations

from wtforms.validators import Email, EqualTo, Length

from ..forms import EmailField, PageForm, PasswordField, Required, TextField


class LoginForm(PageForm):
    email = EmailField("E-Mail-Adresse", validators=[Required("Geben Sie Ihre E-Mail-Adresse an."),
                                                     Length(max=254, message="Die E-Mail-Adresse ist zu lang.")])
    password = PasswordField("Passwort", validators=[Required("Geben Sie Ihr Passwort an."),
                                                     Length(max=128, message="Das Passwort ist zu lang.")])


class RegisterForm(PageForm):
    code = TextField("Zugangscode", validators=[
        Required("Geben Sie den Zugangscode aus Ihrem Brief an."),
        Length(max=40, message="Der Zugangscode hat 12 Zeichen, z. B. K7QF-M2XP-9RTA."),
    ])
    email = EmailField("E-Mail-Adresse", validators=[
        Required("Geben Sie Ihre E-Mail-Adresse an."),
        Email("Geben Sie eine E-Mail-Adresse im richtigen Format an, z. B. name@beispiel.de."),
        Length(max=254, message="Die E-Mail-Adresse ist zu lang."),
    ])
    # The service refuses a password shorter than 12 or longer than 64 characters, with its own message.
    password = PasswordField("Passwort", validators=[Required("Geben Sie ein Passwort an.")])
    password_repeat = PasswordField("Passwort wiederholen", validators=[
        Required("Wiederholen Sie das Passwort."),
        EqualTo("password", "Die beiden Passwörter stimmen nicht überein."),
    ])


class SetPasswordForm(PageForm):
    # The service refuses a password shorter than 12 or longer than 64 characters, with its own message.
    password = PasswordField("Neues Passwort", validators=[Required("Geben Sie ein neues Passwort an.")])
    password_repeat = PasswordField("Neues Passwort wiederholen", validators=[
        Required("Wiederholen Sie das neue Passwort."),
        EqualTo("password", "Die beiden Passwörter stimmen nicht überein. Geben Sie das neue Passwort zweimal "
                            "gleich ein."),
    ])


class ForgotPasswordForm(PageForm):
    email = EmailField("E-Mail-Adresse", validators=[
        Required("Geben Sie die E-Mail-Adresse an, mit der Sie sich anmelden."),
        Email("Geben Sie eine E-Mail-Adresse im richtigen Format an, z. B. name@beispiel.de."),
        Length(max=254, message="Die E-Mail-Adresse ist zu lang."),
    ])
