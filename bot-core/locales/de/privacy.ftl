privacy-erased-at-close = Check-in-Wörter werden aus meinen Aufzeichnungen und aus allen Nachrichten gelöscht, die ich gepostet habe; ein Wort, das du in eine eigene Nachricht geschrieben hast, bleibt dort, bis du sie löschst.
privacy-nothing-stored = Im Moment speichere ich nichts über dich. (Check-in-Wörter werden gelöscht, wenn eine Sitzung endet.)
privacy-everything-stored = Das ist alles, was ich über dich speichere:
privacy-here = Hier
privacy-in-this-place = An diesem Ort
privacy-elsewhere = Anderswo ({ $place })
privacy-erase-all = Um alles zu löschen, nutze { $forget }.
privacy-forgotten = Erledigt: Ich habe alles gelöscht, was ich über dich gespeichert hatte, an allen Orten. Pass gut auf dich auf.
privacy-checked-in = eingecheckt um { $at }{ $how ->
    [listening] , nur zum Zuhören
    [word] , mit einem Gefühlswort (wird gelöscht, wenn die Sitzung endet)
   *[plain] {""}
}
privacy-hand-up = Hand gehoben seit { $since }
privacy-shared = du hast in dieser Sitzung schon geteilt (für eine faire Reihenfolge gespeichert, bis sie endet)
privacy-in-order = du bist in der Reihenfolge der laufenden Runde
privacy-passed = du hast in dieser Runde ausgesetzt
privacy-serving = du übernimmst in dieser Sitzung den Dienst { $role }
privacy-attendance-dates = Anwesenheitsdaten (gespeichert für { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
}): { $dates }
privacy-display-name = dein Anzeigename: { $name }
