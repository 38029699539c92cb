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

  @LCK-01
  Scénario: Deux mots de passe erronés sont refusés sans verrouiller le compte
    Quand il saisit 2 fois un mot de passe erroné
    Alors chacune de ces connexions est refusée sans que le compte soit dit verrouillé
    Et il se connecte avec son bon mot de passe

  @LCK-01
  Scénario: Le troisième mot de passe erroné successif est refusé car le compte est verrouillé
    Quand il saisit 3 fois un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  @LCK-01 @LCK-04
  Plan du scénario: Seule une connexion réussie remet le compte à zéro : <entre-deux> ne le fait pas
    Étant donné qu'il a saisi 2 fois un mot de passe erroné
    Quand <entre-deux>
    Et il saisit un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

    Exemples:
      | entre-deux                                                                             |
      | il ouvre « Déconnexion » sans être connecté                                            |
      | il ouvre une autre page du site                                                        |
      | il reprend dans un nouveau navigateur                                                  |
      | il demande un nouveau mot de passe et donne une mauvaise réponse à sa question secrète |

  @LCK-01
  Scénario: Un mot de passe vide a son propre message et ne compte pas comme un mot de passe erroné
    Étant donné qu'il a saisi 2 fois un mot de passe erroné
    Quand il se connecte avec un mot de passe vide
    Alors la connexion est refusée sans que le compte soit dit verrouillé
    Et le message n'est pas celui d'un mot de passe erroné
    Et il se connecte avec son bon mot de passe

  @LCK-02 @LCK-03
  Scénario: 29 minutes après le verrouillage, le compte est toujours verrouillé
    Étant donné que son compte a été verrouillé
    Quand 29 minutes passent
    Alors la connexion est toujours refusée car le compte est verrouillé

  @LCK-03
  Scénario: Le compte se déverrouille seul au bout de 30 minutes
    Étant donné que son compte a été verrouillé
    Quand 30 minutes passent
    Alors il se connecte avec son bon mot de passe

  @LCK-01 @LCK-03
  Scénario: Les 30 minutes courent depuis le verrouillage, même quand les mots de passe erronés sont espacés
    Étant donné qu'il a saisi 1 fois un mot de passe erroné
    Et que 20 minutes sont passées
    Et qu'il a saisi 2 fois un mot de passe erroné
    Quand 29 minutes passent
    Alors la connexion est toujours refusée car le compte est verrouillé
    Quand 1 minute de plus passe
    Alors il se connecte avec son bon mot de passe

  @LCK-01 @LCK-03
  Scénario: Une fois le compte déverrouillé, deux mots de passe erronés ne le verrouillent pas, le troisième si
    Étant donné que son compte a été verrouillé
    Et que 30 minutes sont passées
    Quand il saisit 2 fois un mot de passe erroné
    Alors chacune de ces connexions est refusée sans que le compte soit dit verrouillé
    Quand il saisit un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  @LCK-04
  Scénario: Une connexion réussie remet à zéro le compte des mots de passe erronés
    Quand il saisit 2 fois un mot de passe erroné
    Et il se connecte avec son bon mot de passe
    Et il se déconnecte
    Et il saisit 2 fois un mot de passe erroné
    Alors il se connecte avec son bon mot de passe

  @LCK-01 @LCK-04
  Scénario: Après une connexion réussie, trois nouveaux mots de passe erronés verrouillent le compte
    Étant donné qu'il a saisi 2 fois un mot de passe erroné
    Et qu'il s'est connecté à son espace par « MON ESPACE PERSONNEL »
    Et qu'il s'est déconnecté
    Quand il saisit 3 fois un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  @LCK-05
  Scénario: Des mots de passe erronés envoyés au même instant ne dépassent pas la limite
    Quand 10 mots de passe erronés sont envoyés au même instant depuis 10 sessions
    Et il saisit ensuite son bon mot de passe
    Alors la connexion est refusée car le compte est verrouillé
