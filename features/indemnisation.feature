# language: fr
@PROC
Fonctionnalité: Demande d'indemnisation, instruite par l'UD et mise en paiement par l'ASP
  À réception de la décision d'autorisation, l'entreprise peut formuler une
  demande d'indemnisation, instruite par l'unité départementale (UD) et mise
  en paiement par l'agence de services et de paiement (ASP). La personne à
  contacter reçoit les notifications d'instruction et d'invalidation.

  Contexte:
    Étant donné un établissement de la Corrèze, inscrit et connecté à son espace
    Et qu'il a signé et envoyé une demande d'autorisation préalable

  @PROC-03 @supporte
  Scénario: Avant la décision d'autorisation, la demande d'indemnisation n'est pas possible
    Quand il consulte sa demande en attente de décision
    Alors la demande d'indemnisation ne lui est pas proposée
    Et la page indique « La demande d'indemnisation n'est possible qu'après la décision d'autorisation de l'UD. »

  @PROC-03 @ACC-09 @supporte
  Scénario: Après l'autorisation, la personne à contacter reçoit l'accusé de réception de la demande d'indemnisation
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Quand il saisit, enregistre, signe et envoie une demande d'indemnisation de 300 heures sur le premier mois de la période autorisée
    Alors la personne à contacter reçoit l'accusé de réception de sa demande d'indemnisation

  @PROC-03 @supporte
  Scénario: L'UD valide la demande d'indemnisation et l'ASP la met en paiement
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Et qu'il a signé et envoyé une demande d'indemnisation
    Quand l'agent de l'UD valide la demande d'indemnisation
    Alors l'établissement voit sa demande d'indemnisation « Mise en paiement par l'ASP »

  @PROC-03 @ACC-09 @supporte
  Scénario: La personne à contacter reçoit la notification d'instruction puis celle de la mise en paiement
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Et qu'il a signé et envoyé une demande d'indemnisation
    Quand l'agent de l'UD valide la demande d'indemnisation
    Alors la personne à contacter reçoit la notification d'instruction puis celle de la mise en paiement par l'ASP

  @PROC-03 @supporte
  Scénario: L'UD invalide la demande d'indemnisation en motivant l'invalidation
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Et qu'il a signé et envoyé une demande d'indemnisation
    Quand l'agent de l'UD invalide la demande d'indemnisation pour le motif « Heures non justifiées »
    Alors l'établissement voit sa demande d'indemnisation « Invalidée »

  @PROC-03 @ACC-09 @supporte
  Scénario: La personne à contacter reçoit la notification d'invalidation, avec son motif, et aucune mise en paiement
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Et qu'il a signé et envoyé une demande d'indemnisation
    Quand l'agent de l'UD invalide la demande d'indemnisation pour le motif « Heures non justifiées »
    Alors la personne à contacter reçoit la notification d'invalidation, avec le motif « Heures non justifiées »

  @PROC-03 @supporte
  Scénario: Une demande d'indemnisation hors de la période autorisée est refusée, et rien n'est enregistré
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Quand il saisit une demande d'indemnisation qui déborde d'un jour la période autorisée
    Et il l'enregistre
    Alors un message d'erreur indique « La période indemnisée doit être comprise dans la période autorisée »
    Et aucune demande d'indemnisation n'est enregistrée
