settings-share-time-too-short = Un temps de parole de moins de { $limit } est trop court pour partager quoi que ce soit. Essaie { $example }.
settings-grace-too-long = Le délai de grâce peut être de { $limit } au maximum. Essaie { $example }.
settings-schedule-grace-too-long = Le délai de grâce des réunions planifiées peut être de { $limit } au maximum. Essaie { $example }.
settings-idle-close-too-short = La fermeture pour inactivité doit être d’au moins { $limit }. Essaie { $example }.
settings-meeting-too-short = Une réunion doit durer au moins { $limit }. Essaie { $example }.
settings-share-time-set = Le temps de parole est maintenant de { $time }.
settings-warnings-none = Il n’y aura plus d’avertissement avant « temps ».
settings-warnings-set = Des avertissements seront donnés { $warnings } avant la fin d’un tour.
settings-warnings-and = { $all } et { $next }
settings-grace-set = Après « temps », la personne suivante est appelée au bout de { $grace }.
settings-auto-advance-set = { $on ->
    [yes] Les tours passent d’eux-mêmes à la personne suivante après le délai de grâce.
   *[no] Après « temps », les tours attendent le { $next } de la personne qui anime.
}
settings-fairness-set = { $on ->
    [yes] L’équité est activée : les personnes qui ont déjà partagé passent après celles qui ne l’ont pas encore fait.
   *[no] L’équité est désactivée : la file garde l’ordre dans lequel les mains ont été levées.
}
settings-crosstalk-set = La règle sur les échanges croisés est maintenant { $policy ->
    [none] `none`
    [discussion] `discussion`
   *[open] `open`
}.
settings-host-role-set = Les personnes qui ont le rôle { $role } animent ici.
settings-timezone-set = Le fuseau horaire de cette réunion est maintenant { $zone }. Les réunions déjà planifiées gardent leur propre fuseau.
settings-welcome-set = { $on ->
    [yes] Une personne qui fait son check-in ici pour la première fois reçoit un accueil en privé.
   *[no] Plus aucun accueil n’est envoyé, et je ne garde plus trace de qui a déjà fait son check-in.
}
settings-attendance-on = Les présences sont activées : chaque check-in enregistre la date pour cette personne, gardée { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}. Chaque personne peut voir les siennes avec { $my_data }.
settings-attendance-off = Les présences sont désactivées, et les dates gardées jusqu’ici ont été effacées.
settings-min-share-set = Quand un format partage le temps jusqu’à la clôture, personne n’a moins de { $least } ; si tout le monde ne peut pas passer, on prend plutôt les mains levées.
settings-schedule-grace-set = Après une interruption, un rappel ou une ouverture planifiés jusqu’à { $grace } en retard ont encore lieu ; les plus anciens sont sautés.
settings-retention-set = Les dates de présence sont gardées { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}.
settings-idle-close-set = Une séance ouverte sans activité est fermée au bout de { $idle }.
settings-crisis-saved = { $own ->
    [yes] C’est enregistré. { $crisis } affiche maintenant ton texte.
   *[no] C’est enregistré. { $crisis } affiche de nouveau les ressources par défaut.
}
settings-crisis-default = Si tu es en danger ou si tu penses à mettre fin à tes jours, appelle maintenant le numéro d’urgence de ton pays (le 112 dans toute l’Union européenne). En France, le 3114, numéro national de prévention du suicide, répond gratuitement 24 h/24 et 7 j/7. Sur findahelpline.com, tu trouveras une ligne d’écoute gratuite et confidentielle dans ton pays. Tu n’as pas à traverser ça sans personne, et demander de l’aide, c’est courageux.
settings-list-heading = Les réglages de cette réunion :
settings-list-not-set = (non défini)
settings-list-welcome = welcome: { $on ->
    [on] on
   *[off] off
}{ $own ->
    [yes] {" "}(le texte propre à cette réunion)
   *[no] {""}
}
settings-list-crisis = crisis: { $own ->
    [yes] le texte propre à cette réunion
   *[no] le texte par défaut
}
settings-list-share-time = share-time: { $value }
settings-list-warnings = warnings: { $value }
settings-list-no-warnings = none
settings-list-grace = grace: { $value }
settings-list-auto-advance = auto-advance: { $on ->
    [on] on
   *[off] off
}
settings-list-fairness = fairness: { $on ->
    [on] on
   *[off] off
}
settings-list-crosstalk = crosstalk: { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
settings-list-idle-close = idle-close: { $value }
settings-list-host-role = host-role: { $value }
settings-list-timezone = timezone: { $zone }
settings-list-attendance = attendance: { $on ->
    [on] on
   *[off] off
}
settings-list-retention = retention: { $days }d
settings-list-schedule-grace = schedule-grace: { $value }
settings-list-min-share = min-share: { $value }
