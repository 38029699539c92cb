# language: fr
@LCK
Fonctionnalité: Verrouillage du compte après trois mots de passe erronés
  Après la saisie successive de trois mots de passe erronés, le compte est
  verrouillé. Il est automatiquement déverrouillé au bout de 30 minutes.

  Contexte:
    Étant donné un établissement inscrit qui s'est déjà connecté

  @LCK-01 @LCK-02
  Scénario: Trois mots de passe erronés successifs verrouillent le compte
    Quand il saisit 3 fois un mot de passe erroné
    Et il saisit ensuite son bon mot de passe
    Alors la connexion est refusée car le compte est verrouillé

  @LCK-03
  Scénario: 29 minutes après le verrouillage, le compte est toujours verrouillé
    Étant donné que son compte a été verrouillé
    Quand 29 minutes passent
    Alors la connexion est toujours refusée car le compte est verrouillé

  @LCK-03
  Scénario: Le compte se déverrouille seul au bout de 30 minutes
    Étant donné que son compte a été verrouillé
    Quand 30 minutes passent
    Alors il se connecte avec son bon mot de passe

  @LCK-04
  Scénario: Une connexion réussie remet à zéro le compte des mots de passe erronés
    Quand il saisit 2 fois un mot de passe erroné
    Et il se connecte avec son bon mot de passe
    Et il se déconnecte
    Et il saisit 2 fois un mot de passe erroné
    Alors il se connecte avec son bon mot de passe

  @LCK-05
  Scénario: Des mots de passe erronés envoyés au même instant ne dépassent pas la limite
    Quand 10 mots de passe erronés sont envoyés au même instant depuis 10 sessions
    Et il saisit ensuite son bon mot de passe
    Alors la connexion est refusée car le compte est verrouillé
