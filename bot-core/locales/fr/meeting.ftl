session-open-welcome = Bienvenue. La séance est ouverte
session-opened = { $welcome }.
session-opened-named = { $welcome } : { $name }.
session-open-how = Fais ton check-in avec { $checkin } (ajoute un mot sur ce que tu ressens si tu veux), ou { $listen } pour simplement écouter. Lève la main avec { $hand }.
session-checked-in = { $listening ->
    [yes] Bienvenue, { $name } (écoute seulement).
   *[no] Bienvenue, { $name }.
}
session-checked-in-again = { $listening ->
    [yes] Mis à jour : { $name } (écoute seulement).
   *[no] Mis à jour : { $name }.
}
session-roll-empty = Personne n’a encore fait son check-in. Fais le tien avec { $checkin }.
session-roll = Présences ({ $n }) :
session-roll-listening = { $name } (écoute)

queue-hand-already-up = Ta main est déjà levée : tu es au { $place } rang dans la file.
queue-closed-by-host = La personne qui anime a fermé la file pour l’instant.
queue-hand-up = Ta main est levée : tu es au { $place } rang dans la file.
queue-hand-not-up = Ta main n’est pas levée.
queue-hand-down = Ta main est baissée.
queue-hand-down-okay = Ta main est baissée. Pas de souci.
queue-empty = { $closed ->
    [yes] Aucune main n’est levée. La file est fermée.
   *[no] Aucune main n’est levée.
}
queue-heading = { $closed ->
    [yes] File ({ $n }) : La file est fermée.
   *[no] File ({ $n }) :
}
queue-entry = { $n }. { $name } — main levée depuis { $duration }
queue-no-hand-up = { $name } n’a pas la main levée.
queue-lowered = La main de { $name } est baissée.
queue-moved = { $name } est maintenant au { $place } rang dans la file.
queue-cleared = Toutes les mains ont été baissées.
queue-already-closed = La file est déjà fermée.
queue-already-open = La file est déjà ouverte.
queue-now-closed = La file est fermée pour l’instant : plus de nouvelles mains, s’il te plaît.
queue-now-open = La file est ouverte : lève la main avec { $hand }.
queue-nobody-to-call = Aucune main n’est levée. Pour lancer un tour chronométré, utilise { $start }.
queue-floor = { $name }, tu as la parole.

round-already-running = Un tour est déjà en cours. Termine-le d’abord avec { $end }.
round-not-your-turn = C’est le tour de { $name } ; { $done } ne termine que ton propre tour.
round-thank-you = Merci, { $name }.
round-moving-on = On continue.
round-passed = { $name } passe.
round-queue-nobody = Aucune main n’est levée, donc un tour par la file n’a personne à appeler. On peut lever la main avec { $hand }.
round-nobody-checked-in = Personne n’a encore fait son check-in pour partager (on n’appelle pas les personnes qui écoutent). On peut faire { $checkin }, ou lancer un tour avec les mains levées grâce à { $queue }.
round-share-round = Tour de partage
round-go-around = Tour
round-opening = { $what } : { $each } par personne, { $order ->
    [checkin] dans l’ordre des check-ins
    [queue] selon les mains levées
   *[shuffle] dans un ordre tiré au sort
}. { $crosstalk ->
    [none] Pas de réactions croisées : écoute sans répondre aux partages, s’il te plaît.
    [discussion] Réactions croisées : garde tes réponses pour l’échange après le tour, s’il te plaît.
   *[open] Les réactions croisées sont ouvertes : les réponses bienveillantes sont les bienvenues.
}
round-order = Ordre : { $names }. Dis { $pass } à tout moment si tu préfères ne pas partager.
round-call = { $name }, tu as la parole : { $each }, jusqu’à { $until } ({ $relative }).
round-call-up-next = { $name }, tu as la parole : { $each }, jusqu’à { $until } ({ $relative }). Ensuite : { $next }.
round-ended-heading = Le tour est terminé.
round-ended = { $ended } { $n ->
    [0] Personne n’a partagé cette fois, et c’est très bien ainsi.
    [one] 1 personne a partagé.
   *[other] { $n } personnes ont partagé.
} Merci à toutes et à tous.
round-already-passed = C’est déjà noté : tu passes pour ce tour.
round-pass-noted = C’est noté : tu passeras quand ton tour viendra. Personne n’entendra autre chose que « passe ».
round-turn-was-already = Ton tour est déjà passé dans ce tour de partage.
round-not-in-order = Tu n’es pas dans l’ordre de ce tour, donc il n’y a rien à passer. Tu peux tout à fait simplement écouter.
round-not-waiting = { $name } n’attend pas de tour dans ce tour de partage.
round-will-skip = Le tour de { $name } sera sauté.
round-resuming = On reprend.
round-time-word = C’est l’heure
round-time = { $time }, { $name }. Merci pour ton partage ; tu peux terminer ta pensée en douceur.
round-time-host-calls = { $time }, { $name }. Merci pour ton partage ; tu peux terminer ta pensée en douceur. La personne qui anime appellera la suivante.
round-you-are-next = { $name }, c’est bientôt à toi : ton tour va de { $from } à { $to }.
round-last-unless-hand = Aucune main n’est levée : à moins que quelqu’un la lève avec { $hand } avant { $before }, c’était le dernier partage de ce tour.
round-last-share = C’était le dernier partage de ce tour.

turn-extend-too-short = Prolonge d’au moins une seconde, par exemple { $example }.
turn-extended-paused = { $name } a { $more } de plus (le chrono est en pause).
turn-extended = { $name } a { $more } de plus, jusqu’à { $until } ({ $relative }).
turn-already-paused = Le tour est déjà en pause. Utilise { $resume }.
turn-paused-word = Pause.
turn-paused = { $paused } Le chrono est arrêté ; prends le temps qu’il te faut.
turn-not-paused = Le tour n’est pas en pause.
turn-resumed = On reprend : { $name } a encore { $left }, jusqu’à { $until }.
turn-warning = { $name }, encore { $left } (jusqu’à { $until }).

session-status-open = Séance ouverte
session-status = { $open } depuis { $since }. { $checkins ->
    [one] { $checkins } check-in
   *[other] { $checkins } check-ins
}, { $hands ->
    [one] { $hands } main levée
   *[other] { $hands } mains levées
}.
session-status-named = { $open } depuis { $since } : { $name }. { $checkins ->
    [one] { $checkins } check-in
   *[other] { $checkins } check-ins
}, { $hands ->
    [one] { $hands } main levée
   *[other] { $hands } mains levées
}.
session-status-part = Partie { $n } sur { $total } : { $title }.
session-status-part-until = Partie { $n } sur { $total } : { $title }, jusqu’à { $until }.
session-status-speaking = Parole à { $name }, jusqu’à { $until } (encore { $left }).
session-status-speaking-paused = Parole à { $name } — en pause, encore { $left }.
session-status-speaking-time-up = Parole à { $name } — le temps est écoulé.
session-status-round-running = Un tour est en cours.
session-status-up-next = Ensuite : { $name }.
