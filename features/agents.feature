# language: fr
@UD
Fonctionnalité: Inscription et première connexion des agents UD, DIRECCTE et DGEFP
  Pour obtenir une habilitation sur l'extranet, l'agent contacte l'Assistance
  et lui renvoie signée sa fiche d'habilitation. Une fois sa demande prise en
  compte, il est créé en tant qu'utilisateur de l'extranet et reçoit 3 mails
  contenant chacun son mot de passe, son identifiant et son habilitation. Lors
  de sa première connexion, il modifie son mot de passe, puis choisit une
  question secrète et sa réponse, qui doit comporter plus de 4 caractères.

  @UD-01
  Plan du scénario: L'agent <profil> créé par l'Assistance reçoit ses 3 mails
    Étant donné un agent <profil> créé par l'Assistance après sa fiche d'habilitation signée
    Alors il reçoit 3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion et la confirmation de son habilitation

    Exemples:
      | profil   |
      | UD       |
      | DIRECCTE |
      | DGEFP    |

  @UD-01
  Plan du scénario: Avec l'identifiant et le mot de passe reçus, l'agent <profil> est invité à changer son mot de passe
    Étant donné un agent <profil> créé par l'Assistance après sa fiche d'habilitation signée
    Quand il se connecte avec l'identifiant et le mot de passe reçus
    Alors la page « Changement du mot de passe » à son identifiant s'affiche

    Exemples:
      | profil   |
      | UD       |
      | DIRECCTE |
      | DGEFP    |

  @UD-02 @PWD-01
  Scénario: À sa première connexion, une fois son mot de passe modifié, l'agent est invité à positionner sa question secrète
    Étant donné un agent UD qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Quand il choisit un nouveau mot de passe conforme
    Alors la page « Positionnement de la question secrète » à son identifiant s'affiche
    Et la page présente :
      | sorte  | texte                        |
      | champ  | Entrez la question secrète : |
      | champ  | Entrez la réponse :          |
      | bouton | Envoyer                      |

  @UD-02
  Scénario: Une fois sa question secrète positionnée, l'agent se connecte à son espace
    Étant donné un agent UD qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Et qu'il a choisi un nouveau mot de passe conforme
    Quand il positionne sa question secrète « ville de résidence » et sa réponse
    Alors il se connecte avec son bon mot de passe

  @UD-02
  Scénario: Sans question secrète, la réponse seule ne suffit pas
    Étant donné un agent UD qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Et qu'il a choisi un nouveau mot de passe conforme
    Quand il laisse la question secrète vide et saisit la réponse « Tulle »
    Alors la question secrète est refusée et la page « Positionnement de la question secrète » reste affichée

  @UD-02 @OUT-02
  Scénario: Sans connexion, l'adresse du positionnement de la question secrète ramène à la page de connexion
    Étant donné un agent UD qui ne s'est jamais connecté
    Quand il ouvre l'adresse du positionnement de la question secrète sans s'être connecté
    Alors la page de connexion s'affiche
    Et aucune information de son espace ne s'affiche

  @UD-03
  Scénario: Une réponse secrète de 4 caractères est refusée
    Étant donné un agent UD qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Et qu'il a choisi un nouveau mot de passe conforme
    Quand il positionne sa question secrète « ville de résidence » avec la réponse « Metz »
    Alors un message d'erreur indique « La réponse à votre question secrète doit comporter plus de 4 caractères. »

  @UD-03
  Scénario: Une réponse secrète de 4 caractères refusée n'est pas enregistrée
    Étant donné un agent UD qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Et qu'il a choisi un nouveau mot de passe conforme
    Quand il positionne sa question secrète « ville de résidence » avec la réponse « Metz »
    Et qu'il se déconnecte depuis la page « Positionnement de la question secrète »
    Alors sa question secrète lui est demandée à nouveau à la connexion suivante

  @UD-03
  Scénario: Une réponse secrète de 5 caractères est acceptée
    Étant donné un agent UD qui ne s'est jamais connecté
    Et qu'il s'est connecté pour la première fois
    Et qu'il a choisi un nouveau mot de passe conforme
    Quand il positionne sa question secrète « ville de résidence » avec la réponse « Tulle »
    Alors il se connecte avec son bon mot de passe
