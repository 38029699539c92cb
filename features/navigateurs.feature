# language: fr
@NAV
Fonctionnalité: Navigateurs pour lesquels l'application a été conçue
  L'application Activité Partielle a été conçue pour fonctionner sous Windows
  (XP SP3 minimum et Seven) avec Internet Explorer 7 à 11 et Mozilla Firefox
  3.6.10, 17.0.7, 24.5, 25 et 45.8 ; pour le grand public, sur Mac avec Safari
  6.0 et Firefox 15.0. Avec Google Chrome, la saisie des données est possible
  malgré quelques problèmes d'affichage ; en revanche, la signature n'est pas
  possible (elle vient avec la demande d'autorisation préalable, PROC-05).

  Ces scénarios s'exécutent sur chaque profil de navigateur de la recette
  (browsers.yaml) du niveau de prise en charge qu'ils portent.

  @NAV-01 @NAV-02 @NAV-03 @supporte
  Scénario: Le navigateur est l'un de ceux pour lesquels l'application a été conçue
    Étant donné le navigateur de la recette
    Alors il figure parmi les navigateurs et systèmes d'exploitation que le guide prend en charge
    Et le site reçoit l'identification de ce navigateur

  @NAV-01 @NAV-02 @NAV-03 @supporte
  Scénario: Avec un navigateur pris en charge, les champs de « MON ESPACE PERSONNEL » gardent ce qui est saisi
    Étant donné la page d'accueil de l'extranet Activité Partielle
    Quand il saisit un utilisateur et un mot de passe dans « MON ESPACE PERSONNEL »
    Alors les champs « Utilisateur : » et « Mot de passe : » gardent ce qu'il a saisi

  @NAV-01 @NAV-02 @NAV-03 @supporte
  Scénario: Avec un navigateur pris en charge, « MON ESPACE PERSONNEL » refuse la connexion d'un utilisateur inconnu
    Étant donné la page d'accueil de l'extranet Activité Partielle
    Quand il se connecte à « MON ESPACE PERSONNEL » avec un utilisateur inconnu
    Alors la connexion est refusée à cet utilisateur inconnu

  @NAV-04 @saisie_sans_signature
  Scénario: Google Chrome est le navigateur où le guide annonce la saisie possible mais pas la signature
    Étant donné le navigateur de la recette
    Alors le navigateur est Google Chrome, où le guide annonce la saisie possible mais pas la signature
    Et le site reçoit l'identification de ce navigateur

  @NAV-04 @saisie_sans_signature
  Scénario: Avec Google Chrome, la demande de création de compte se saisit et s'enregistre
    Étant donné un employeur muni du SIRET de son établissement
    Quand il fait sa demande de création de compte
    Alors la demande de création de compte est enregistrée
