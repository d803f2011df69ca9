place-closed-headline = Séance fermée.
place-ended-headline = La réunion est terminée.
place-idle-headline = Je ferme la séance après { $idle } sans activité.
place-session-closed = { $headline } Merci d’avoir été là. { $erased }

place-no-such-template = Ce modèle n’existe pas ; vois { $list }.
place-format-used = Le format de ce lieu est maintenant { $name } ({ $parts ->
    [one] { $parts } partie
   *[other] { $parts } parties
}). { $show } l’affiche ; mets les textes propres à ton groupe avec { $text }.
place-format-off = Ce lieu n’a plus de format : les séances font des tours de partage quand la personne qui anime les lance.
place-part-removed = Partie { $number } retirée, { $title }.
place-format-imported = { $name } importé ({ $parts ->
    [one] { $parts } partie
   *[other] { $parts } parties
}). { $show } l’affiche.
place-no-such-time = Cette heure n’existe pas dans ce fuseau horaire.
place-meeting-ends = La réunion se termine à { $at } : les partages jusqu’à la clôture tiennent dans le temps d’ici là.
place-agenda-follows = Le déroulé d’aujourd’hui suit le changement.
place-agenda-kept = La réunion d’aujourd’hui garde son déroulé ; le changement s’applique à partir de la prochaine séance.
place-agenda-not-started = La séance ouverte n’a pas encore de déroulé : { $go } le lance maintenant.
place-already-open = Une séance est déjà ouverte (depuis { $since }). Ferme-la d’abord avec { $close }.
place-time-for = C’est l’heure de { $name }.
