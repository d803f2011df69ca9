rotation-volunteer-fact = du hast dich gemeldet für: { $roles }
rotation-unknown = Es gibt keinen Dienst „{ $name }“. { $any ->
    [yes] Dienste hier: { $known }.
   *[no] Es gibt noch keine Dienste; die Verwaltung kann einen mit { $add } hinzufügen.
}
rotation-serving-today = Heute im Dienst: { $serving }.
rotation-exists = Den Dienst `{ $name }` gibt es schon.
rotation-too-many = Ein Treffen kann höchstens { $max } Dienste haben.
rotation-added = Der Dienst { $name } ist hinzugefügt. Wer mag, meldet sich mit { $volunteer }.
rotation-removed = Der Dienst { $name } und sein Wechsel sind entfernt.
rotation-already-volunteer = Du bist schon im Wechsel für { $role }.
rotation-volunteered = Danke! Du bist jetzt im Wechsel für { $role } ({ $count ->
    [one] 1 Person
   *[other] { $count } Personen
}).
rotation-not-volunteer = Du bist nicht im Wechsel für { $role }.
rotation-left = { $today ->
    [yes] Du hast den heutigen Dienst { $role } abgegeben und den Wechsel verlassen. Danke für deinen Dienst.
   *[no] Du hast den Wechsel für { $role } verlassen. Danke für deinen Dienst.
}
rotation-none = Es gibt noch keine Dienste. Die Verwaltung kann einen mit { $add } hinzufügen.
rotation-list-heading = Dienste:
rotation-no-volunteers = noch niemand gemeldet
rotation-list-today = heute: { $who }
rotation-list-next = als Nächstes: { $who }
rotation-swapped-today = Den heutigen Dienst { $role } übernimmt jetzt { $who }.
rotation-swapped-next = In der nächsten Sitzung übernimmt { $who } den Dienst { $role }.
rotation-nobody = Für keinen Dienst hat sich bisher jemand gemeldet. Wer mag, meldet sich mit { $volunteer }.
rotation-rotated = Gewechselt. Beim nächsten Mal im Dienst: { $serving }.
