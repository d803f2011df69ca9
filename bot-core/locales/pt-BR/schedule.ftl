schedule-exists = Já existe um agendamento chamado `{ $name }`. Remova-o primeiro com { $remove }.
schedule-too-many = Uma reunião pode ter no máximo { $max } agendamentos.
schedule-added = Agendado { $name }: { $when } em { $zone }, por { $length }{ $reminder ->
    [yes] , com um lembrete { $before } antes
   *[no] {""}
}.
schedule-added-next = Próxima: { $at }.
schedule-removed = Removi o agendamento { $name }.
schedule-unknown = Não existe nenhum agendamento chamado “{ $name }”. { $any ->
    [yes] Agendamentos aqui: { $known }.
   *[no] Ainda não há agendamentos.
}
schedule-none = Nenhuma reunião está agendada. Quem administra pode adicionar uma com { $add }.
schedule-list-heading = Reuniões agendadas:
schedule-list-item = { $name } — { $when } ({ $zone }), { $length }{ $reminder ->
    [yes] , lembrete { $before } antes
   *[no] {""}
}. { $next }
schedule-list-next = Próxima: { $at }
schedule-list-no-date = Não tem nenhuma data futura.
schedule-next = A próxima reunião é { $name }: { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}Em serviço: { $serving }.
   *[no] {""}
}
schedule-next-none = Nenhuma reunião está agendada. Quem administra pode adicionar uma com { $add }.
schedule-reminder = { $reminder }: { $name } começa em { $at } ({ $from_now }).{ $serves ->
    [yes] {" "}Em serviço: { $serving }.
   *[no] {""}
}
schedule-reminder-heading = Lembrete
schedule-end-warning = Faltam { $left } para o fim desta reunião (termina às { $end }).
