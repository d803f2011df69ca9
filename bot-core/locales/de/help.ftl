help-list = Befehle (schreib { $help } für mehr):
help-heading = { $who ->
    [host] Für die Moderation
    [admin] Für die Verwaltung
   *[member] Für alle
}
help-unknown = Den Befehl `{ $topic }` gibt es nicht. Schreib { $help } für die Liste.
help-command = { $usage } — { $summary }.
help-arg = { $name }: { $help }{ $required ->
    [yes] {""}
   *[no] {" "}(optional)
}
help-who = Wer: { $who ->
    [host] die Moderation oder die Verwaltung
    [admin] die Verwaltung
   *[member] alle
}. Beispiel: { $example }
help-aliases = Auch: { $aliases }
