# Choosing languages: the place's (`settings language`) and a member's own (`language`).

# A language's name in itself, the same in every language (a member looks for their own).
language-name = { $code ->
    [es] Español
    [pt-BR] Português (Brasil)
    [de] Deutsch
    [fr] Français
   *[en] English
}
# A language named in running text, in this language's own words ("in German").
language-named = { $code ->
    [es] Spanish
    [pt-BR] Portuguese (Brazil)
    [de] German
    [fr] French
   *[en] English
}
language-yours = I answer you in { $language } here.
language-yours-app = I answer you in { $language } here, your app's language.
language-yours-default = I answer you in { $language } here, this meeting's language.
language-choose = To choose another language for what I say to you alone:
language-set = From now on I answer you in { $language } here. To go back to the meeting's language, use { $reset }.
language-reset = I answer you in your app's language again, or else in this meeting's.
language-fact = the language you chose for my answers here: { $language }
language-place-set = Everything I post here is now in { $language }. Each member can still choose their own language for my answers to them.
