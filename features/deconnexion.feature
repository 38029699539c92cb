# language: fr
@OUT
Fonctionnalité: Déconnexion
  Pour se déconnecter de l'extranet, l'utilisateur clique sur son
  « prenom.nom » (en haut à droite de la page) puis sur « Déconnexion ».

  Contexte:
    Étant donné un établissement inscrit qui s'est déjà connecté
    Et qu'il est connecté à son espace

  @OUT-01 @captcha @courriel
  Scénario: Le « prenom.nom » de l'utilisateur mène à la déconnexion
    Alors son « prenom.nom » s'affiche
    Quand il clique sur son « prenom.nom »
    Alors le lien « Déconnexion » s'affiche
    Quand il clique sur « Déconnexion »
    Alors la page de connexion s'affiche
    Et son « prenom.nom » ne s'affiche plus

  @OUT-02 @captcha @courriel
  Scénario: Après la déconnexion, l'espace n'est plus accessible, même par le bouton Retour du navigateur
    Quand il se déconnecte
    Et il revient en arrière avec le bouton Retour du navigateur
    Alors aucune information de son espace ne s'affiche
    Quand il rouvre l'adresse de son espace
    Alors la page de connexion s'affiche
    Et aucune information de son espace ne s'affiche
