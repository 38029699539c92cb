# language: fr
@PROC
Fonctionnalité: Demande d'autorisation préalable et décision de l'unité départementale
  L'entreprise formule une demande d'autorisation préalable à l'unité
  départementale (UD) de son département qui l'instruit et autorise, dans un
  délai de 15 jours maximum, le recours à l'activité partielle. Sans décision
  dans ce délai, la demande est réputée autorisée (article R5122-4 du Code du
  travail). La demande se termine par une signature : avec le navigateur
  Google Chrome, la saisie des données est possible, en revanche la signature
  n'est pas possible. La personne à contacter est le destinataire de tous les
  échanges liés à l'activité partielle (notifications d'instruction, de la
  décision de l'UD…).

  Contexte:
    Étant donné un établissement de la Corrèze, inscrit et connecté à son espace

  @PROC-01
  Scénario: La demande saisie et enregistrée est « Enregistrée, non signée »
    Quand il saisit une demande d'autorisation préalable pour « La conjoncture économique »
    Et il l'enregistre
    Alors la demande est « Enregistrée, non signée »

  @PROC-01 @PROC-02 @PROC-05 @NAV-01 @NAV-02 @NAV-03 @NAV-04 @supporte
  Scénario: Avec un navigateur pris en charge, l'établissement signe et envoie sa demande à l'UD de son département
    Étant donné qu'il a saisi et enregistré une demande d'autorisation préalable
    Quand il signe et envoie sa demande
    Alors la demande est « En cours d'instruction » auprès de l'UD 19
    Et la date limite de décision, 15 jours après le dépôt, lui est indiquée

  @PROC-05 @ACC-09 @supporte
  Scénario: La personne à contacter reçoit l'accusé de réception de la demande signée et envoyée
    Étant donné qu'il a saisi et enregistré une demande d'autorisation préalable
    Quand il signe et envoie sa demande
    Alors la personne à contacter reçoit l'accusé de réception de sa demande

  @NAV-04 @PROC-05 @saisie_sans_signature
  Scénario: Avec Google Chrome, la demande se saisit et s'enregistre, mais la signature n'est pas possible
    Étant donné qu'il a saisi et enregistré une demande d'autorisation préalable
    Quand il veut signer sa demande
    Alors le message « La signature n'est pas possible avec le navigateur Google Chrome. Vos données sont enregistrées : utilisez un autre navigateur pris en charge pour signer votre demande. » s'affiche
    Et la signature ne lui est pas proposée
    Et la demande est toujours « Enregistrée, non signée »
    Et la personne à contacter ne reçoit aucun accusé de réception

  @PROC-01
  Plan du scénario: Une demande mal remplie est refusée avec un message clair, et rien n'est enregistré
    Quand il saisit une demande d'autorisation préalable avec <erreur>
    Et il l'enregistre
    Alors un message d'erreur indique « <message> »
    Et aucune demande n'est enregistrée

    Exemples:
      | erreur                                            | message                                                                         |
      | une date de fin antérieure à la date de début     | La date de fin de la période doit être égale ou postérieure à sa date de début. |
      | une date de début écrite à l'anglaise, AAAA-MM-JJ | n'est pas une date valide (JJ/MM/AAAA).                                         |
      | 0 salarié concerné                                | doit être un nombre entier supérieur ou égal à 1.                               |
      | aucun motif de recours                            | Tous les champs obligatoires (marqués d'un *) ne sont pas renseignés.           |
      | une date de début vide                            | Tous les champs obligatoires (marqués d'un *) ne sont pas renseignés.           |
      | une date de début impossible, le 31 février       | n'est pas une date valide (JJ/MM/AAAA).                                         |

  @PROC-01
  Scénario: Un motif de recours qui n'est pas dans la liste est refusé, même ajouté à la liste avec les outils de développement du navigateur
    Quand il saisit une demande d'autorisation préalable avec un motif ajouté à la liste comme avec les outils de développement du navigateur
    Et il l'enregistre
    Alors un message d'erreur indique « Veuillez choisir le motif de recours dans la liste proposée. »
    Et aucune demande n'est enregistrée

  @PROC-01
  Plan du scénario: Une demande sur <période> est enregistrée
    Quand il saisit une demande d'autorisation préalable sur <période>
    Et il l'enregistre
    Alors la demande est « Enregistrée, non signée »

    Exemples:
      | période                              |
      | un seul jour                         |
      | un mois qui commence le 1er décembre |
      | un mois qui commence un 29 février   |

  @PROC-01 @PROC-05
  Scénario: Tant qu'elle n'est pas signée, une demande enregistrée se modifie, elle seule
    Étant donné qu'il a saisi et enregistré deux demandes d'autorisation préalable
    Quand il modifie la première : 24 salariés concernés au lieu de 12
    Alors la première compte 24 salariés concernés, et la deuxième toujours 12

  @PROC-01
  Scénario: Une modification mal remplie est refusée, et la demande garde ce qu'elle avait
    Étant donné qu'il a saisi et enregistré deux demandes d'autorisation préalable
    Quand il modifie la première avec 0 salarié concerné
    Alors un message d'erreur indique « doit être un nombre entier supérieur ou égal à 1. »
    Et la première compte 12 salariés concernés, et la deuxième toujours 12

  @PROC-01 @PROC-02 @supporte
  Scénario: L'UD du département voit la demande dans ses demandes à instruire, avec sa date limite de décision
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Quand l'agent de l'UD ouvre les demandes à instruire
    Alors la demande y figure avec sa date limite de décision

  @PROC-02 @supporte
  Scénario: L'UD autorise la demande, que l'établissement voit « Autorisée »
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Quand l'agent de l'UD autorise la demande
    Alors l'établissement voit sa demande « Autorisée »

  @PROC-02 @ACC-09 @supporte
  Scénario: La personne à contacter reçoit la décision d'autorisation de l'UD
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Quand l'agent de l'UD autorise la demande
    Alors la personne à contacter reçoit la décision de l'UD : la demande est autorisée

  @PROC-02 @supporte
  Scénario: L'UD qui refuse la demande doit motiver son refus
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Quand l'agent de l'UD refuse la demande sans motif
    Alors un message d'erreur indique « Le refus doit être motivé »
    Et l'établissement voit sa demande « En cours d'instruction »

  @PROC-02 @supporte
  Scénario: L'UD refuse la demande pour un motif, et l'établissement la voit « Refusée »
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Quand l'agent de l'UD refuse la demande pour le motif « Baisse d'activité non établie »
    Alors l'établissement voit sa demande « Refusée »

  @PROC-02 @ACC-09 @supporte
  Scénario: La personne à contacter reçoit la décision de refus de l'UD, avec son motif
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Quand l'agent de l'UD refuse la demande pour le motif « Baisse d'activité non établie »
    Alors la personne à contacter reçoit la décision de l'UD : la demande est refusée pour le motif « Baisse d'activité non établie »

  @PROC-01 @PROC-02 @supporte
  Scénario: Un agent de l'UD d'un autre département ne voit pas la demande parmi ses demandes à instruire
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Haute-Vienne
    Quand l'agent de l'UD ouvre les demandes à instruire
    Alors la demande n'y figure pas

  @PROC-01 @PROC-02 @supporte
  Scénario: Un agent de l'UD d'un autre département n'ouvre pas la demande par son adresse
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Haute-Vienne
    Quand l'agent de l'UD tente d'ouvrir la demande par son adresse
    Alors le message « Cette page n'existe pas. » s'affiche

  @PROC-02 @supporte
  Scénario: Avant l'expiration du délai de 15 jours sans décision de l'UD, la demande reste en cours d'instruction
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Quand 14 jours et 23 heures passent sans décision de l'UD
    Alors la demande est toujours « En cours d'instruction »

  @PROC-02 @ACC-09 @supporte
  Scénario: Sans décision de l'UD dans le délai de 15 jours, la demande est réputée autorisée
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Quand 15 jours passent sans décision de l'UD
    Alors la demande est « Réputée autorisée », le délai de 15 jours étant expiré
    Et la personne à contacter est avisée que sa demande est réputée autorisée
    Et l'agent de l'UD la voit « Réputée autorisée », sans pouvoir plus décider

  @PROC-02 @supporte
  Scénario: Une décision de l'UD envoyée après le délai de 15 jours, d'une page ouverte avant, est refusée : la demande reste réputée autorisée
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et un agent de l'UD de la Corrèze
    Et que l'agent de l'UD a ouvert la demande pour l'instruire
    Quand 15 jours passent sans décision de l'UD
    Et l'agent de l'UD autorise la demande depuis la page ouverte avant
    Alors le message « Sans décision de l'UD dans le délai de 15 jours, la demande est réputée autorisée (article R5122-4 du Code du travail). » s'affiche
    Et l'établissement voit sa demande « Réputée autorisée »

  @ACC-09 @ACC-08 @supporte
  Scénario: Après un changement de personne référente, la décision de l'UD va à la nouvelle personne à contacter, et non à l'ancienne
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et qu'il a désigné un deuxième utilisateur comme nouvelle personne référente dans la « Fiche établissement »
    Et un agent de l'UD de la Corrèze
    Quand l'agent de l'UD autorise la demande
    Alors la nouvelle personne à contacter reçoit la décision de l'UD, et l'ancienne ne le reçoit pas

  @ACC-09 @ACC-08 @supporte
  Scénario: Après un changement de personne référente, l'accusé de réception d'une demande signée par l'ancienne va à la nouvelle personne à contacter
    Étant donné qu'il a désigné un deuxième utilisateur comme nouvelle personne référente dans la « Fiche établissement »
    Et qu'il a saisi et enregistré une demande d'autorisation préalable
    Quand il signe et envoie sa demande
    Alors la nouvelle personne à contacter reçoit l'accusé de réception de sa demande, et l'ancienne ne le reçoit pas

  @ACC-09 @ACC-08 @supporte
  Scénario: Après un changement de personne référente, l'avis de la demande réputée autorisée va à la nouvelle personne à contacter
    Étant donné qu'il a signé et envoyé une demande d'autorisation préalable
    Et qu'il a désigné un deuxième utilisateur comme nouvelle personne référente dans la « Fiche établissement »
    Quand 15 jours passent sans décision de l'UD
    Alors la nouvelle personne à contacter reçoit l'avis que sa demande est réputée autorisée, et l'ancienne ne le reçoit pas
