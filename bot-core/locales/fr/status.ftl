status-session-open = Séance ouverte
status-head = { $open } · depuis { $since }
status-head-named = { $open } : { $name } · depuis { $since }
status-no-round = Aucun tour de partage n’est en cours.
status-react-for-hand = Réagis avec ✋ pour lever la main ; retire la réaction pour la baisser. Ou utilise { $hand }.
status-session-closed = Séance fermée.
status-closed = { $closed } Merci d’avoir été là.
status-part-times = { $about ->
    [yes] { $from }–vers { $to }
   *[no] { $from }–{ $to }
}
status-next-part = ensuite : { $title }
status-round-paused = Tour de partage en pause
status-round-head = { $how ->
    [paused] { $round } · { $each } par personne, dans cet ordre :
    [auto] { $round } · { $each } par personne ; le plan si tout le monde prend tout son temps :
   *[host] { $round } · { $each } par personne ; la personne qui anime appelle chaque personne, dans cet ordre :
}
status-nobody-waiting = Personne d’autre n’attend pour partager.
status-turn-live = { $n }. { $name } · { $from }–{ $to } ({ $relative })
status-turn = { $n }. { $name } · { $from }–{ $to }
status-turn-paused = { $n }. { $name } · ⏸️ en pause
status-turn-time-up = { $n }. { $name } · le temps est écoulé
status-turn-unplanned = { $n }. { $name }
status-more = … et { $n } de plus
status-more-hands = … et { $n } de plus : { $queue }
status-queue-empty-heading = File :
status-queue-empty = { $closed ->
    [yes] { $queue } aucune main levée · fermée
   *[no] { $queue } aucune main levée
}
status-queue-heading = File
status-queue = { $closed ->
    [yes] { $queue } ({ $n }) · fermée :
   *[no] { $queue } ({ $n }) :
}
status-hand-live = { $n }. { $name } · main levée { $raised }
status-hand = { $n }. { $name } · main levée depuis { $raised }
status-roll-count = Check-ins : { $n }
status-roll-nobody = Check-ins : personne pour l’instant
status-roll-heading = Check-ins
status-roll = { $checked_in } ({ $n }) :
status-roll-listening = { $name } (écoute)
