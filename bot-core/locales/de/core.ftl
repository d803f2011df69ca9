duration-hours = { $n ->
    [one] 1 Stunde
   *[other] { $n } Stunden
}
duration-minutes = { $n ->
    [one] 1 Minute
   *[other] { $n } Minuten
}
duration-seconds = { $n ->
    [one] 1 Sekunde
   *[other] { $n } Sekunden
}
time-in = in { $duration }
time-ago = vor { $duration }

no-session = Hier ist keine Sitzung offen. Eine Moderation kann mit { $open } eine öffnen.
no-round = Es läuft keine Teilrunde. Eine Moderation kann mit { $start } eine starten.
not-allowed = { $who ->
    [host] Nur die Moderation oder die Verwaltung kann
    [admin] Nur die Verwaltung kann
   *[member] Alle können
} { $command } verwenden.
unknown-member = Ich kenne hier niemanden namens „{ $name }“.
ambiguous-member = Mehrere Personen heißen „{ $name }“: Bitte erwähne die Person, statt den Namen zu tippen.
that-name = diesen Namen
ordinal = { $n }.

button-hand = Hand heben
button-hand-down = Hand senken
button-done = Fertig
button-pass = Aussetzen

try-again = Bei mir ist etwas schiefgelaufen, und nichts wurde geändert. Bitte versuch es gleich noch einmal.
option-error = Ich habe { $option } nicht verstanden: { $why }. Versuch es mit { $example }.
option-error-unnamed = Das habe ich nicht verstanden: { $why }. Versuch es mit { $example }.
discord-dm-only = sharecircle leitet Treffen in den Kanälen eines Servers: Bitte nutze es dort.
discord-unknown-command = Diesen Befehl kenne ich nicht mehr: Discord aktualisiert vielleicht noch die Befehlsliste. Versuch es in einer Minute noch einmal.
discord-old-form = Dieses Formular stammt aus einer älteren Version von mir: Bitte nutze die Slash-Befehle.
discord-old-button = Diese Schaltfläche stammt aus einer älteren Version von mir: Bitte nutze die Slash-Befehle.
