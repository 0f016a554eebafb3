"""Sign-in and registration forms."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length


class LoginForm(FlaskForm):
    email = EmailField("E-Mail-Adresse", validators=[InputRequired("Geben Sie Ihre E-Mail-Adresse an."),
                                                     Length(max=254, message="Die E-Mail-Adresse ist zu lang.")])
    password = PasswordField("Passwort", validators=[InputRequired("Geben Sie Ihr Passwort an."),
                                                     Length(max=128, message="Das Passwort ist zu lang.")])


class RegisterForm(FlaskForm):
    code = StringField("Zugangscode", validators=[
        InputRequired("Geben Sie den Zugangscode aus Ihrem Brief an."),
        Length(max=40, message="Der Zugangscode hat 12 Zeichen, z. B. K7QF-M2XP-9RTA."),
    ])
    email = EmailField("E-Mail-Adresse", validators=[
        InputRequired("Geben Sie Ihre E-Mail-Adresse an."),
        Email("Geben Sie eine E-Mail-Adresse im richtigen Format an, z. B. name@beispiel.de."),
        Length(max=254, message="Die E-Mail-Adresse ist zu lang."),
    ])
    password = PasswordField("Passwort", validators=[InputRequired("Geben Sie ein Passwort an.")])
    password_repeat = PasswordField("Passwort wiederholen", validators=[
        InputRequired("Wiederholen Sie das Passwort."),
        EqualTo("password", "Die beiden Passwörter stimmen nicht überein."),
    ])
