# language: fr
@ACC
Fonctionnalité: Fiche établissement : personne référente et utilisateurs de l'établissement
  Le 1er utilisateur est la personne inscrite dans la partie « Compte principal
  utilisateur (Personne à contacter) » de la fiche établissement, dont le nom,
  prénom et adresse mail ne seront plus modifiables. Il sera cependant
  possible de changer de personne référente ultérieurement, dans la Fiche
  établissement. Si l'établissement a déjà été créé, les demandes d'ajout
  d'autres utilisateurs sont effectuées par le 1er utilisateur.

  Contexte:
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il est connecté à son espace

  @ACC-08
  Scénario: La personne référente demande l'ajout d'un utilisateur, qui reçoit ses identifiants et accède à l'établissement
    Quand elle demande l'ajout d'un utilisateur dans la « Fiche établissement »
    Alors le nouvel utilisateur reçoit 3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion et la confirmation de son habilitation
    Et le nouvel utilisateur, une fois connecté, trouve l'établissement dans sa Fiche établissement, sans pouvoir y ajouter d'utilisateur

  @ACC-08
  Scénario: La personne référente est changée dans la Fiche établissement, sans que nom, prénom ni adresse mail soient modifiables
    Étant donné qu'elle a fait ajouter un deuxième utilisateur à l'établissement
    Quand elle désigne ce deuxième utilisateur comme nouvelle personne référente
    Alors la partie « Compte principal utilisateur (Personne à contacter) » présente le deuxième utilisateur
    Et le nom, le prénom et l'adresse mail de la personne à contacter ne sont pas modifiables
    Et le deuxième utilisateur est avisé par mail qu'il est désormais la personne à contacter
    Et l'ancienne personne référente ne peut plus ajouter d'utilisateur ni changer de personne référente

  @ACC-08
  Scénario: La personne référente peut être changée à nouveau : chacune reste utilisatrice de l'établissement, une seule fois
    Étant donné qu'elle a fait ajouter un deuxième utilisateur à l'établissement
    Et qu'elle a désigné ce deuxième utilisateur comme nouvelle personne référente
    Quand le deuxième utilisateur, à son tour, la désigne comme personne référente
    Alors la partie « Compte principal utilisateur (Personne à contacter) » la présente à nouveau
    Et chacune figure une seule fois parmi les utilisateurs de l'établissement

  @ACC-08
  Scénario: Une demande d'ajout d'utilisateur incomplète est refusée, et aucun utilisateur n'est créé
    Quand elle demande l'ajout d'un utilisateur dans la « Fiche établissement », sans indiquer son adresse mail
    Alors un message d'erreur indique « Tous les champs obligatoires (marqués d'un *) ne sont pas renseignés. »
    Et aucun utilisateur n'est ajouté à l'établissement

  @ACC-08
  Plan du scénario: Une demande d'ajout d'utilisateur avec « <valeur> » pour « <champ> » est refusée, et aucun utilisateur n'est créé
    Quand elle demande l'ajout d'un utilisateur dans la « Fiche établissement », avec « <valeur> » pour « <champ> »
    Alors sa demande d'ajout est refusée pour le champ « <champ> »
    Et aucun utilisateur n'est ajouté à l'établissement

    Exemples:
      | champ     | valeur      |
      | Courriel  | paul.durand |
      | Téléphone | abc         |

  @ACC-08
  Scénario: Qui n'est plus la personne référente se voit refuser le formulaire d'ajout d'un utilisateur, même en tapant son adresse
    Étant donné qu'elle a noté l'adresse du formulaire « Ajouter un utilisateur à un établissement »
    Et qu'elle a fait ajouter un deuxième utilisateur à l'établissement
    Et qu'elle a désigné ce deuxième utilisateur comme nouvelle personne référente
    Quand elle ouvre cette adresse dans son navigateur
    Alors la page lui dit qu'elle n'y a pas accès, sans le formulaire « Ajouter un utilisateur à un établissement »

  @ACC-08
  Scénario: Le formulaire d'ajout d'un utilisateur d'un autre établissement n'existe pas pour elle, même en tapant son adresse
    Étant donné un autre établissement inscrit, dont la personne référente a noté l'adresse de son formulaire « Ajouter un utilisateur à un établissement »
    Quand elle ouvre cette adresse dans son navigateur
    Alors la page lui dit qu'elle n'existe pas, sans le formulaire « Ajouter un utilisateur à un établissement »
