place-closed-headline = Sessão encerrada.
place-ended-headline = A reunião terminou.
place-idle-headline = Encerrando a sessão depois de { $idle } sem atividade.
place-session-closed = { $headline } Que bom ter vocês aqui. { $erased }

place-no-such-template = Esse modelo não existe; veja { $list }.
place-format-used = Agora o formato deste lugar é { $name } ({ $parts ->
    [one] 1 parte
   *[other] { $parts } partes
}). { $show } mostra o formato; coloque os textos do seu grupo com { $text }.
place-format-off = Este lugar não tem mais formato: as sessões fazem rodadas de partilha quando quem coordena começa uma.
place-part-removed = Removi a parte { $number }, { $title }.
place-format-imported = Importei { $name } ({ $parts ->
    [one] 1 parte
   *[other] { $parts } partes
}). { $show } mostra o formato.
place-no-such-time = Esse horário não existe neste fuso horário.
place-meeting-ends = A reunião termina às { $at }: as partilhas até o encerramento cabem no tempo antes disso.
place-agenda-follows = A agenda de hoje segue a mudança.
place-agenda-kept = A reunião de hoje mantém a agenda; a mudança vale a partir da próxima sessão.
place-agenda-not-started = A sessão aberta ainda não tem agenda: { $go } começa agora.
place-already-open = Já existe uma sessão aberta (desde as { $since }). Encerre-a primeiro com { $close }.
place-time-for = Chegou a hora de { $name }.
