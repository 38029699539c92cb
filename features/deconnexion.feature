# language: fr
@OUT
Fonctionnalité: Déconnexion
  Pour se déconnecter de l'extranet, l'utilisateur clique sur son
  « prenom.nom » (en haut à droite de la page) puis sur « Déconnexion ».
  Une fois déconnecté, son espace n'est plus accessible : ni par le bouton
  Retour du navigateur, ni par son adresse, ni par la session qu'avait son
  navigateur, présentée à nouveau au site.

  Contexte:
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il s'est connecté à son espace par « MON ESPACE PERSONNEL »

  @OUT-01
  Scénario: Le « prenom.nom » de l'utilisateur, en haut à droite, propose la déconnexion
    Quand il clique sur son « prenom.nom »
    Alors le lien « Déconnexion » s'affiche

  @OUT-01
  Scénario: « Déconnexion » ramène à la page de connexion et met fin à la session sur le site
    Quand il se déconnecte par son « prenom.nom » puis « Déconnexion »
    Alors la page de connexion s'affiche
    Et son « prenom.nom » ne s'affiche plus
    Et la session qu'avait son navigateur n'ouvre plus son espace, même présentée à nouveau

  @OUT-02
  Scénario: Après la déconnexion, le bouton Retour du navigateur ne montre plus rien de son espace
    Étant donné qu'il s'est déconnecté
    Quand il revient en arrière avec le bouton Retour du navigateur
    Alors aucune information de son espace ne s'affiche

  @OUT-02
  Scénario: Après la déconnexion, l'adresse de son espace ramène à la page de connexion
    Étant donné qu'il s'est déconnecté
    Quand il rouvre l'adresse de son espace
    Alors la page de connexion s'affiche
    Et aucune information de son espace ne s'affiche
    Et la session qu'avait son navigateur n'ouvre plus son espace, même présentée à nouveau

  @OUT-02
  Scénario: Après la déconnexion, l'adresse du changement de mot de passe ramène à la page de connexion
    Étant donné qu'il s'est déconnecté
    Quand il rouvre l'adresse du changement de son mot de passe
    Alors la page de connexion s'affiche
    Et aucune information de son espace ne s'affiche

  @OUT-02
  Plan du scénario: Après la déconnexion, l'adresse de <page> ramène à la page de connexion
    Étant donné qu'il a noté l'adresse de <page>
    Et qu'il s'est déconnecté
    Quand il rouvre cette adresse dans son navigateur
    Alors la page de connexion s'affiche
    Et aucune information de son espace ne s'affiche

    Exemples:
      | page                                                         |
      | sa Fiche établissement                                       |
      | son formulaire « Ajouter un utilisateur à un établissement » |
