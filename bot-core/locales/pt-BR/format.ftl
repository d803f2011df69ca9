format-kind = { $kind ->
    [text] text
    [reading] reading
    [silence] silence
    [checkin] checkin
    [share] share
    [discussion] discussion
    [announcements] announcements
    [break] break
   *[closing] closing
}
format-describe-until-closing = o tempo até o encerramento dividido igualmente
format-describe-each = { $time } para cada pessoa
format-describe-share-time-each = o tempo de partilha para cada pessoa
format-describe-order = ordem { $order ->
    [checkin] checkin
    [shuffle] shuffle
   *[queue] queue
}
format-describe-crosstalk = conversa cruzada { $policy ->
    [none] none
    [discussion] discussion
   *[open] open
}
format-describe-read-by = lida por quem está no serviço { $role }
format-text-size = texto de { $chars ->
    [one] 1 caractere
   *[other] { $chars } caracteres
}
format-part-refused = Parte { $number }: { $why }.
format-until-closing-share-only = só uma parte de partilha pode usar o tempo até o encerramento
format-needs-time = uma parte { $kind } precisa de um tempo, como `{ $example }`
format-order-share-only = só uma parte de partilha tem ordem
format-crosstalk-share-only = só uma parte de partilha ou de conversa tem regra de conversa cruzada
format-role-reading-only = só uma leitura é lida por alguém de um serviço
format-unknown-kind = “{ $kind }” não é um tipo de parte; os tipos são { $kinds }
format-no-parts-yet = O formato ainda não tem partes. Adicione uma com { $add }.
format-parts-there-are = { $parts ->
    [one] Só existe a parte 1.
   *[other] Existem as partes 1 a { $parts }.
}
format-too-many-parts = Um formato tem no máximo { $max } partes; remova uma primeiro com { $remove }.
format-last-part = Um formato precisa de pelo menos uma parte. Para fazer reuniões sem formato, use { $off }.
format-show = { $heading }{ $name } ({ $parts ->
    [one] 1 parte
   *[other] { $parts } partes
})
format-show-heading = Formato:{" "}
format-none = Este lugar não tem formato de reunião: as sessões fazem rodadas de partilha quando quem coordena começa uma. Quem administra pode partir de um modelo com { $template } (veja { $list }) ou montar um com { $add }.
format-export = O formato deste lugar como documento: guarde, edite e devolva com { $import }.
format-templates = Modelos para começar (as leituras são espaços para os textos do seu grupo):
format-part-said = { $verb ->
    [added] Adicionei
    [moved] Movi
   *[changed] Alterei
} a parte { $number }: { $title }
format-part-done = { $verb ->
    [added] Adicionada.
    [moved] Movida.
   *[changed] Alterada.
}
format-import-refused = O documento tem { $problems ->
    [one] 1 problema
   *[other] { $problems } problemas
}; o formato não mudou:
format-doc-too-long = o documento tem { $bytes } bytes; um formato cabe em { $max }
format-doc-not-toml-at = linha { $line }: isto não é TOML ({ $why }); { $export } mostra a forma
format-doc-not-toml = isto não é TOML ({ $why }); { $export } mostra a forma
format-doc-in-part = parte { $number }: { $problem }
format-doc-unknown-key = “{ $key }” não é uma chave { $at ->
    [top] do início
   *[part] de uma parte
}{ $close ->
    [yes] {" "}(você quis dizer `{ $suggest }`?)
   *[no] {""}
}; as chaves são { $keys }
format-doc-name-length = `name` precisa ter de 1 a { $max } caracteres, como `name = "Roda de terça"`
format-doc-name-text = `name` precisa ser texto entre aspas, como `name = "Roda de terça"`
format-doc-parts-tables = cada parte precisa ser uma tabela `[[part]]`
format-doc-no-parts = o formato não tem partes: adicione pelo menos uma `[[part]]` com um `kind`
format-doc-too-many-parts = o formato tem { $parts } partes; no máximo { $max }, por favor
format-doc-part-table = uma parte precisa ser uma tabela `[[part]]`
format-doc-not-text = `{ $key }` precisa ser texto entre aspas
format-doc-no-kind = ela não tem `kind`; indique um destes: { $kinds }
format-doc-title-length = `title` precisa ter de 1 a { $max } caracteres
format-doc-field = `{ $key }`: { $why }
format-doc-not-one-of = `{ $key }`: “{ $value }” não é um destes: { $options }
format-doc-role-word = `role` precisa ser uma só palavra, o nome de um serviço

format-default-title = { $kind ->
    [text] Boas-vindas
    [reading] Leitura
    [silence] Momento de silêncio
    [checkin] Check-in
    [share] Partilha
    [discussion] Conversa
    [announcements] Avisos
    [break] Intervalo
   *[closing] Encerramento
}
format-default-name = Nossa reunião
format-unnamed = Nosso formato
