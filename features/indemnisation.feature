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
  Plan du scénario: Une demande d'indemnisation <écart> est refusée, et rien n'est enregistré
    Étant donné que l'UD de la Corrèze a autorisé sa demande de 1200 heures pour 12 salariés
    Quand il saisit une demande d'indemnisation de <heures> heures pour <salariés> salariés sur <période>
    Et il l'enregistre
    Alors un message d'erreur indique « <message> »
    Et aucune nouvelle demande d'indemnisation n'est enregistrée

    Exemples:
      | écart                                             | heures | salariés | période                                                    | message                                                                                                |
      | qui commence la veille de la période autorisée    | 100    | 12       | une période qui commence la veille de la période autorisée | La période indemnisée doit être comprise dans la période autorisée                                     |
      | qui finit le lendemain de la période autorisée    | 100    | 12       | une période qui finit le lendemain de la période autorisée | La période indemnisée doit être comprise dans la période autorisée                                     |
      | d'un seul jour, la veille de la période autorisée | 100    | 12       | le jour qui précède la période autorisée                   | La période indemnisée doit être comprise dans la période autorisée                                     |
      | pour un salarié de plus que l'autorisation        | 100    | 13       | le premier mois de la période autorisée                    | Le nombre de salariés concernés ne peut pas dépasser celui de l'autorisation (12).                     |
      | d'une heure de plus que l'autorisation            | 1201   | 12       | toute la période autorisée                                 | Le nombre d'heures chômées ne peut pas dépasser le contingent d'heures autorisé restant (1200 heures). |

  @PROC-03 @supporte
  Plan du scénario: Une demande d'indemnisation <limite> est enregistrée
    Étant donné que l'UD de la Corrèze a autorisé sa demande de 1200 heures pour 12 salariés
    Quand il saisit une demande d'indemnisation de <heures> heures pour <salariés> salariés sur <période>
    Et il l'enregistre
    Alors la demande d'indemnisation est « Enregistrée, non signée »

    Exemples:
      | limite                                                          | heures | salariés | période                                 |
      | de toutes les heures autorisées, sur toute la période autorisée | 1200   | 12       | toute la période autorisée              |
      | pour autant de salariés que l'autorisation                      | 100    | 12       | le premier mois de la période autorisée |

  @PROC-03 @supporte
  Plan du scénario: Après une première demande d'indemnisation de 300 heures sur 1200 autorisées, une demande de <heures> heures est refusée
    Étant donné que l'UD de la Corrèze a autorisé sa demande de 1200 heures pour 12 salariés
    Et qu'il a signé et envoyé une demande d'indemnisation de 300 heures
    Quand il saisit une demande d'indemnisation de <heures> heures pour 12 salariés sur le deuxième mois de la période autorisée
    Et il l'enregistre
    Alors un message d'erreur indique « Le nombre d'heures chômées ne peut pas dépasser le contingent d'heures autorisé restant (900 heures). »
    Et aucune nouvelle demande d'indemnisation n'est enregistrée

    Exemples:
      | heures |
      | 901    |
      | 1200   |

  @PROC-03 @supporte
  Scénario: Après une demande d'indemnisation de toutes les heures autorisées, une demande d'une heure de plus est refusée
    Étant donné que l'UD de la Corrèze a autorisé sa demande de 1200 heures pour 12 salariés
    Et qu'il a signé et envoyé une demande d'indemnisation de 1200 heures
    Quand il saisit une demande d'indemnisation d'une heure pour 12 salariés sur le deuxième mois de la période autorisée
    Et il l'enregistre
    Alors un message d'erreur indique « Le nombre d'heures chômées ne peut pas dépasser le contingent d'heures autorisé restant (0 heures). »
    Et aucune nouvelle demande d'indemnisation n'est enregistrée

  @PROC-03 @supporte
  Scénario: Après une première demande d'indemnisation de 300 heures sur 1200 autorisées, une demande des 900 heures restantes est enregistrée
    Étant donné que l'UD de la Corrèze a autorisé sa demande de 1200 heures pour 12 salariés
    Et qu'il a signé et envoyé une demande d'indemnisation de 300 heures
    Quand il saisit une demande d'indemnisation de 900 heures pour 12 salariés sur le deuxième mois de la période autorisée
    Et il l'enregistre
    Alors la demande d'indemnisation est « Enregistrée, non signée »

  @PROC-03 @supporte
  Scénario: Les heures d'une demande d'indemnisation invalidée par l'UD redeviennent disponibles
    Étant donné que l'UD de la Corrèze a autorisé sa demande de 1200 heures pour 12 salariés
    Et qu'il a signé et envoyé une demande d'indemnisation de 300 heures
    Et que l'UD l'a invalidée pour le motif « Heures non justifiées »
    Quand il saisit une demande d'indemnisation de 1200 heures pour 12 salariés sur toute la période autorisée
    Et il l'enregistre
    Alors la demande d'indemnisation est « Enregistrée, non signée »

  @ACC-09 @ACC-08 @supporte
  Scénario: Après un changement de personne référente, l'accusé de réception de la demande d'indemnisation va à la nouvelle personne à contacter
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Et qu'il a désigné un deuxième utilisateur comme nouvelle personne référente dans la « Fiche établissement »
    Quand il saisit, enregistre, signe et envoie une demande d'indemnisation de 300 heures sur le premier mois de la période autorisée
    Alors la nouvelle personne à contacter reçoit l'accusé de réception de sa demande d'indemnisation, et l'ancienne ne le reçoit pas

  @ACC-09 @ACC-08 @supporte
  Scénario: Après un changement de personne référente, les notifications d'instruction et de mise en paiement vont à la nouvelle personne à contacter
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Et qu'il a signé et envoyé une demande d'indemnisation
    Et qu'il a désigné un deuxième utilisateur comme nouvelle personne référente dans la « Fiche établissement »
    Quand l'agent de l'UD valide la demande d'indemnisation
    Alors la nouvelle personne à contacter reçoit la notification d'instruction et celle de la mise en paiement par l'ASP, et l'ancienne ne le reçoit pas

  @ACC-09 @ACC-08 @supporte
  Scénario: Après un changement de personne référente, la notification d'invalidation va à la nouvelle personne à contacter
    Étant donné que l'UD de la Corrèze a autorisé sa demande
    Et qu'il a signé et envoyé une demande d'indemnisation
    Et qu'il a désigné un deuxième utilisateur comme nouvelle personne référente dans la « Fiche établissement »
    Quand l'agent de l'UD invalide la demande d'indemnisation pour le motif « Heures non justifiées »
    Alors la nouvelle personne à contacter reçoit la notification d'invalidation, et l'ancienne ne le reçoit pas
