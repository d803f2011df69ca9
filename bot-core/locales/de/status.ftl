status-session-open = Sitzung offen
status-head = { $open } · seit { $since }
status-head-named = { $open }: { $name } · seit { $since }
status-no-round = Gerade läuft keine Teilrunde.
status-react-for-hand = Reagiere mit ✋, um die Hand zu heben; nimm die Reaktion weg, um sie zu senken. Oder nutze { $hand }.
status-session-closed = Sitzung geschlossen.
status-closed = { $closed } Danke, dass du da warst.
status-part-times = { $about ->
    [yes] { $from }–etwa { $to }
   *[no] { $from }–{ $to }
}
status-next-part = danach: { $title }
status-round-paused = Teilrunde pausiert
status-round-head = { $how ->
    [paused] { $round } · { $each } pro Person, in dieser Reihenfolge:
    [auto] { $round } · { $each } pro Person; der Plan, wenn alle ihre ganze Zeit nutzen:
   *[host] { $round } · { $each } pro Person; die Moderation ruft jede Person auf, in dieser Reihenfolge:
}
status-nobody-waiting = Sonst wartet niemand aufs Teilen.
status-turn-live = { $n }. { $name } · { $from }–{ $to } ({ $relative })
status-turn = { $n }. { $name } · { $from }–{ $to }
status-turn-paused = { $n }. { $name } · ⏸️ pausiert
status-turn-time-up = { $n }. { $name } · die Zeit ist um
status-turn-unplanned = { $n }. { $name }
status-more = … und { $n } weitere
status-more-hands = … und { $n } weitere: { $queue }
status-queue-empty-heading = Warteschlange:
status-queue-empty = { $closed ->
    [yes] { $queue } keine Hände oben · geschlossen
   *[no] { $queue } keine Hände oben
}
status-queue-heading = Warteschlange
status-queue = { $closed ->
    [yes] { $queue } ({ $n }) · geschlossen:
   *[no] { $queue } ({ $n }):
}
status-hand-live = { $n }. { $name } · Hand gehoben { $raised }
status-hand = { $n }. { $name } · Hand oben seit { $raised }
status-roll-count = Angekommen: { $n }
status-roll-nobody = Angekommen: noch niemand
status-roll-heading = Angekommen
status-roll = { $checked_in } ({ $n }):
status-roll-listening = { $name } (hört zu)
