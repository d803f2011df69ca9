schedule-exists = Es gibt schon einen Zeitplan namens `{ $name }`. Entferne ihn zuerst mit { $remove }.
schedule-too-many = Ein Treffen kann höchstens { $max } Zeitpläne haben.
schedule-added = Geplant: { $name }: { $when } in { $zone }, für { $length }{ $reminder ->
    [yes] , mit einer Erinnerung { $before } vorher
   *[no] {""}
}.
schedule-added-next = Nächstes Mal: { $at }.
schedule-removed = Der Zeitplan { $name } ist entfernt.
schedule-unknown = Es gibt keinen Zeitplan namens „{ $name }“. { $any ->
    [yes] Zeitpläne hier: { $known }.
   *[no] Es gibt noch keine Zeitpläne.
}
schedule-none = Es sind keine Treffen geplant. Die Verwaltung kann eines mit { $add } hinzufügen.
schedule-list-heading = Geplante Treffen:
schedule-list-item = { $name } — { $when } ({ $zone }), { $length }{ $reminder ->
    [yes] , Erinnerung { $before } vorher
   *[no] {""}
}. { $next }
schedule-list-next = Nächstes Mal: { $at }
schedule-list-no-date = Es hat kein künftiges Datum.
schedule-next = Das nächste Treffen ist { $name }: { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}Im Dienst: { $serving }.
   *[no] {""}
}
schedule-next-none = Es ist kein Treffen geplant. Die Verwaltung kann eines mit { $add } hinzufügen.
schedule-reminder = { $reminder }: { $name } beginnt am { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}Im Dienst: { $serving }.
   *[no] {""}
}
schedule-reminder-heading = Erinnerung
schedule-end-warning = Noch { $left } in diesem Treffen (es endet um { $end }).
