//! Validation like Discord's: message, embed, component, application command, autocomplete and modal limits, reported as `50035 Invalid Form Body` errors with Discord's nested `_errors` shape.

use std::collections::HashSet;

use serde_json::{json, Map, Value};

/// An error answer in Discord's JSON shape.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub body: Value,
}

impl ApiError {
    pub fn new(status: u16, code: i64, message: &str) -> Self {
        Self {
            status,
            body: json!({ "code": code, "message": message }),
        }
    }

    pub fn unknown_interaction() -> Self {
        Self::new(404, 10062, "Unknown interaction")
    }

    pub fn already_acknowledged() -> Self {
        Self::new(400, 40060, "Interaction has already been acknowledged.")
    }

    pub fn unknown_webhook() -> Self {
        Self::new(404, 10015, "Unknown Webhook")
    }

    pub fn unknown_message() -> Self {
        Self::new(404, 10008, "Unknown Message")
    }

    pub fn unknown_channel() -> Self {
        Self::new(404, 10003, "Unknown Channel")
    }

    pub fn unknown_guild() -> Self {
        Self::new(404, 10004, "Unknown Guild")
    }

    pub fn unknown_member() -> Self {
        Self::new(404, 10007, "Unknown Member")
    }

    pub fn unknown_user() -> Self {
        Self::new(404, 10013, "Unknown User")
    }

    pub fn unknown_command() -> Self {
        Self::new(404, 10063, "Unknown application command")
    }

    pub fn not_found() -> Self {
        Self::new(404, 0, "404: Not Found")
    }

    pub fn unauthorized() -> Self {
        Self::new(401, 0, "401: Unauthorized")
    }

    pub fn missing_access() -> Self {
        Self::new(403, 50001, "Missing Access")
    }

    pub fn missing_permissions() -> Self {
        Self::new(403, 50013, "Missing Permissions")
    }

    pub fn empty_message() -> Self {
        Self::new(400, 50006, "Cannot send an empty message")
    }

    pub fn not_author() -> Self {
        Self::new(403, 50005, "Cannot edit a message authored by another user")
    }

    pub fn code(&self) -> i64 {
        self.body.get("code").and_then(Value::as_i64).unwrap_or(0)
    }

    /// One line for the violation log.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} {} {}",
            self.status,
            self.code(),
            self.body
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("")
        );
        if let Some(errors) = self.body.get("errors") {
            let mut flat = Vec::new();
            flatten_errors(errors, &mut Vec::new(), &mut flat);
            if !flat.is_empty() {
                s.push_str(": ");
                s.push_str(&flat.join("; "));
            }
        }
        s
    }
}

fn flatten_errors(v: &Value, path: &mut Vec<String>, out: &mut Vec<String>) {
    let Some(map) = v.as_object() else { return };
    for (k, v) in map {
        if k == "_errors" {
            for e in v.as_array().into_iter().flatten() {
                out.push(format!(
                    "{} {} ({})",
                    if path.is_empty() {
                        "<body>".to_owned()
                    } else {
                        path.join(".")
                    },
                    e.get("code").and_then(Value::as_str).unwrap_or(""),
                    e.get("message").and_then(Value::as_str).unwrap_or("")
                ));
            }
        } else {
            path.push(k.clone());
            flatten_errors(v, path, out);
            path.pop();
        }
    }
}

/// Collects field errors, nested by dotted path, into Discord's `errors` object.
#[derive(Default, Debug)]
pub struct FormErrors {
    root: Map<String, Value>,
    count: usize,
}

impl FormErrors {
    /// Adds an error at a dotted path such as `embeds.0.title` (empty path = the body itself).
    pub fn add(&mut self, path: &str, code: &str, message: impl Into<String>) {
        let mut node = &mut self.root;
        for seg in path.split('.').filter(|s| !s.is_empty()) {
            let entry = node.entry(seg.to_owned()).or_insert_with(|| json!({}));
            if !entry.is_object() {
                *entry = json!({});
            }
            node = entry.as_object_mut().expect("object");
        }
        let list = node.entry("_errors").or_insert_with(|| json!([]));
        if let Some(a) = list.as_array_mut() {
            a.push(json!({ "code": code, "message": message.into() }));
        }
        self.count += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn into_result(self) -> Result<(), ApiError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ApiError {
                status: 400,
                body: json!({
                    "code": 50035,
                    "message": "Invalid Form Body",
                    "errors": Value::Object(self.root),
                }),
            })
        }
    }

    fn max_len(&mut self, path: &str, v: Option<&Value>, max: usize) {
        if let Some(v) = v {
            match v {
                Value::String(s) if s.chars().count() > max => self.add(
                    path,
                    "BASE_TYPE_MAX_LENGTH",
                    format!("Must be {max} or fewer in length."),
                ),
                Value::String(_) | Value::Null => {}
                _ => self.add(
                    path,
                    "BASE_TYPE_STRING",
                    "Could not interpret value as string.",
                ),
            }
        }
    }

    fn bounded_len(&mut self, path: &str, v: Option<&Value>, min: usize, max: usize) {
        match v {
            Some(Value::String(s)) => {
                let n = s.chars().count();
                if n < min || n > max {
                    self.add(
                        path,
                        "BASE_TYPE_BAD_LENGTH",
                        format!("Must be between {min} and {max} in length."),
                    );
                }
            }
            None | Some(Value::Null) => {
                self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
            }
            Some(_) => self.add(
                path,
                "BASE_TYPE_STRING",
                "Could not interpret value as string.",
            ),
        }
    }

    /// An optional integer within `min..=max`.
    fn int_range(&mut self, path: &str, v: Option<&Value>, min: i64, max: i64) {
        match v {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) if i < min => self.add(
                    path,
                    "NUMBER_TYPE_MIN",
                    format!("int value should be greater than or equal to {min}."),
                ),
                Some(i) if i > max => self.add(
                    path,
                    "NUMBER_TYPE_MAX",
                    format!("int value should be less than or equal to {max}."),
                ),
                Some(_) => {}
                None => self.add(path, "NUMBER_TYPE_COERCE", "Value is not int."),
            },
            Some(_) => self.add(path, "NUMBER_TYPE_COERCE", "Value is not int."),
        }
    }

    fn array_max(&mut self, path: &str, v: Option<&Value>, max: usize) -> Vec<Value> {
        match v {
            Some(Value::Array(a)) => {
                if a.len() > max {
                    self.add(
                        path,
                        "BASE_TYPE_MAX_LENGTH",
                        format!("Must be {max} or fewer in length."),
                    );
                }
                a.clone()
            }
            None | Some(Value::Null) => Vec::new(),
            Some(_) => {
                self.add(
                    path,
                    "BASE_TYPE_LIST",
                    "Only iterables may be used in a ListType",
                );
                Vec::new()
            }
        }
    }
}

fn join(prefix: &str, key: impl std::fmt::Display) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn str_len(v: Option<&Value>) -> usize {
    v.and_then(Value::as_str).map_or(0, |s| s.chars().count())
}

/// Message flags a bot may set when sending (4 suppress embeds, 64 ephemeral, 4096 suppress
/// notifications, 32768 components v2).
pub const SENDABLE_FLAGS: u64 = 4 | 64 | 4096 | 32768;
pub const FLAG_EPHEMERAL: u64 = 64;
pub const FLAG_LOADING: u64 = 128;
pub const FLAG_COMPONENTS_V2: u64 = 32768;

/// Validates a message payload (create, edit, interaction response data, follow-up).
/// `partial`: an edit, where every field is optional.
pub fn message_payload(body: &Value, errs: &mut FormErrors, prefix: &str, partial: bool) {
    let Some(obj) = body.as_object() else {
        errs.add(
            prefix,
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        );
        return;
    };
    let _ = partial;
    errs.max_len(&join(prefix, "content"), obj.get("content"), 2000);
    let flags = obj.get("flags").and_then(Value::as_u64).unwrap_or(0);
    if let Some(f) = obj.get("flags") {
        if !f.is_null() && f.as_u64().is_none() {
            errs.add(
                &join(prefix, "flags"),
                "NUMBER_TYPE_COERCE",
                "Value is not int.",
            );
        }
    }
    let embeds = errs.array_max(&join(prefix, "embeds"), obj.get("embeds"), 10);
    let mut total = 0;
    for (i, e) in embeds.iter().enumerate() {
        total += embed(e, errs, &join(prefix, format!("embeds.{i}")));
    }
    if total > 6000 {
        errs.add(
            &join(prefix, "embeds"),
            "MAX_EMBED_SIZE_EXCEEDED",
            "Embed size exceeds maximum size of 6000",
        );
    }
    if obj.contains_key("embed") {
        errs.add(
            &join(prefix, "embed"),
            "UNKNOWN_FIELD",
            "`embed` was removed in API v10; use `embeds`",
        );
    }
    if let Some(c) = obj.get("components").filter(|c| !c.is_null()) {
        if flags & FLAG_COMPONENTS_V2 != 0 {
            components_v2(c, errs, &join(prefix, "components"));
            if str_len(obj.get("content")) > 0 || !embeds.is_empty() {
                errs.add(
                    prefix,
                    "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                    "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
                );
            }
        } else {
            message_components(c, errs, &join(prefix, "components"));
        }
    }
    if let Some(am) = obj.get("allowed_mentions").filter(|v| !v.is_null()) {
        allowed_mentions(am, errs, &join(prefix, "allowed_mentions"));
    }
    if let Some(t) = obj.get("tts") {
        if !t.is_boolean() && !t.is_null() {
            errs.add(
                &join(prefix, "tts"),
                "BASE_TYPE_BOOLEAN",
                "Must be either true or false.",
            );
        }
    }
}

/// The `nonce` (a string of at most 25 characters or an integer; integers as decimal text) and
/// `enforce_nonce` of a channel message create.
pub fn message_nonce(body: &Value) -> Result<(Option<String>, bool), ApiError> {
    let mut errs = FormErrors::default();
    let nonce = match body.get("nonce") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            errs.max_len("nonce", Some(&Value::String(s.clone())), 25);
            Some(s.clone())
        }
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        Some(_) => {
            errs.add(
                "nonce",
                "BASE_TYPE_STRING",
                "Could not interpret value as string.",
            );
            None
        }
    };
    let enforce = match body.get("enforce_nonce") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errs.add(
                "enforce_nonce",
                "BASE_TYPE_BOOLEAN",
                "Must be either true or false.",
            );
            false
        }
    };
    errs.into_result()?;
    Ok((nonce, enforce))
}

/// Whether a (resulting) message has anything to show.
pub fn message_is_empty(content: &str, embeds: &[Value], components: &[Value]) -> bool {
    content.is_empty() && embeds.is_empty() && components.is_empty()
}

/// Validates one embed; returns its counted text length.
fn embed(e: &Value, errs: &mut FormErrors, path: &str) -> usize {
    let Some(obj) = e.as_object() else {
        errs.add(
            path,
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        );
        return 0;
    };
    let mut total = 0;
    errs.max_len(&join(path, "title"), obj.get("title"), 256);
    total += str_len(obj.get("title"));
    errs.max_len(&join(path, "description"), obj.get("description"), 4096);
    total += str_len(obj.get("description"));
    for key in ["url"] {
        if let Some(u) = obj.get(key).and_then(Value::as_str) {
            if !(u.starts_with("http://") || u.starts_with("https://")) {
                errs.add(
                    &join(path, key),
                    "URL_TYPE_INVALID_URL",
                    "Not a well formed URL.",
                );
            }
        }
    }
    if let Some(c) = obj.get("color").filter(|c| !c.is_null()) {
        if c.as_u64().is_none_or(|c| c > 0xFF_FFFF) {
            errs.add(
                &join(path, "color"),
                "NUMBER_TYPE_MAX",
                "int value should be less than or equal to 16777215.",
            );
        }
    }
    let fields = errs.array_max(&join(path, "fields"), obj.get("fields"), 25);
    for (i, f) in fields.iter().enumerate() {
        let fp = join(path, format!("fields.{i}"));
        errs.bounded_len(&join(&fp, "name"), f.get("name"), 1, 256);
        errs.bounded_len(&join(&fp, "value"), f.get("value"), 1, 1024);
        total += str_len(f.get("name")) + str_len(f.get("value"));
    }
    if let Some(footer) = obj.get("footer").filter(|v| !v.is_null()) {
        errs.bounded_len(&join(path, "footer.text"), footer.get("text"), 1, 2048);
        total += str_len(footer.get("text"));
    }
    if let Some(author) = obj.get("author").filter(|v| !v.is_null()) {
        errs.bounded_len(&join(path, "author.name"), author.get("name"), 1, 256);
        total += str_len(author.get("name"));
    }
    total
}

fn allowed_mentions(am: &Value, errs: &mut FormErrors, path: &str) {
    let parse: Vec<&str> = am
        .get("parse")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (i, p) in parse.iter().enumerate() {
        if !["roles", "users", "everyone"].contains(p) {
            errs.add(
                &join(path, format!("parse.{i}")),
                "BASE_TYPE_CHOICES",
                "Value must be one of {'everyone', 'roles', 'users'}.",
            );
        }
    }
    for key in ["users", "roles"] {
        let list = errs.array_max(&join(path, key), am.get(key), 100);
        if !list.is_empty() && parse.contains(&key) {
            errs.add(
                &join(path, key),
                "SET_TYPE_ALREADY_CONTAINS_VALUE",
                format!("parse:[\"{key}\"] and {key}: [ids...] are mutually exclusive."),
            );
        }
    }
}

/// Legacy (v1) message components: up to 5 action rows, each up to 5 units wide.
pub fn message_components(c: &Value, errs: &mut FormErrors, path: &str) {
    let rows = errs.array_max(path, Some(c), 5);
    let mut seen = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let rp = join(path, i);
        if row.get("type").and_then(Value::as_u64) != Some(1) {
            errs.add(
                &join(&rp, "type"),
                "COMPONENT_TYPE_INVALID",
                "Top-level components must be action rows (type 1)",
            );
            continue;
        }
        let items = match row.get("components").and_then(Value::as_array) {
            Some(items) if (1..=5).contains(&items.len()) => items.clone(),
            _ => {
                errs.add(
                    &join(&rp, "components"),
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 5 in length.",
                );
                row.get("components")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            }
        };
        let mut width = 0;
        for (j, item) in items.iter().enumerate() {
            let ip = join(&rp, format!("components.{j}"));
            width += component(item, errs, &ip, &mut seen, false);
        }
        if width > 5 {
            errs.add(
                &join(&rp, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            );
        }
    }
}

/// Components v2: only the total count (40) and custom ids are checked.
fn components_v2(c: &Value, errs: &mut FormErrors, path: &str) {
    fn count(v: &Value, seen: &mut HashSet<String>, dup: &mut bool) -> usize {
        let mut n = 1;
        if let Some(id) = v.get("custom_id").and_then(Value::as_str) {
            if !seen.insert(id.to_owned()) {
                *dup = true;
            }
        }
        if let Some(a) = v.get("components").and_then(Value::as_array) {
            n += a.iter().map(|c| count(c, seen, dup)).sum::<usize>();
        }
        if let Some(acc) = v.get("accessory") {
            n += count(acc, seen, dup);
        }
        n
    }
    let items = errs.array_max(path, Some(c), 40);
    let (mut seen, mut dup) = (HashSet::new(), false);
    let total: usize = items.iter().map(|c| count(c, &mut seen, &mut dup)).sum();
    if total > 40 {
        errs.add(
            path,
            "BASE_TYPE_MAX_LENGTH",
            "Must be 40 or fewer in length.",
        );
    }
    if dup {
        errs.add(
            path,
            "COMPONENT_CUSTOM_ID_DUPLICATED",
            "Component custom id cannot be duplicated",
        );
    }
}

/// Validates one component inside an action row; returns its width.
fn component(
    item: &Value,
    errs: &mut FormErrors,
    path: &str,
    seen: &mut HashSet<String>,
    modal: bool,
) -> usize {
    let kind = item.get("type").and_then(Value::as_u64).unwrap_or(0);
    let custom_id = item.get("custom_id");
    let mut check_custom_id =
        |errs: &mut FormErrors, required: bool| match custom_id.and_then(Value::as_str) {
            Some(id) => {
                let n = id.chars().count();
                if n == 0 || n > 100 {
                    errs.add(
                        &join(path, "custom_id"),
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 100 in length.",
                    );
                }
                if !seen.insert(id.to_owned()) {
                    errs.add(
                        &join(path, "custom_id"),
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated",
                    );
                }
            }
            None if required => errs.add(
                &join(path, "custom_id"),
                "BASE_TYPE_REQUIRED",
                "This field is required",
            ),
            None => {}
        };
    match kind {
        2 if !modal => {
            let style = item.get("style").and_then(Value::as_u64).unwrap_or(0);
            match style {
                1..=4 => {
                    check_custom_id(errs, true);
                    if item.get("url").is_some_and(|u| !u.is_null()) {
                        errs.add(
                            &join(path, "url"),
                            "BUTTON_COMPONENT_URL_WITH_CUSTOM_ID",
                            "A button cannot have both a url and a custom_id",
                        );
                    }
                }
                5 => {
                    if item.get("url").and_then(Value::as_str).is_none() {
                        errs.add(
                            &join(path, "url"),
                            "BASE_TYPE_REQUIRED",
                            "This field is required",
                        );
                    }
                    if custom_id.is_some_and(|c| !c.is_null()) {
                        errs.add(
                            &join(path, "custom_id"),
                            "BUTTON_COMPONENT_URL_WITH_CUSTOM_ID",
                            "A link button cannot have a custom_id",
                        );
                    }
                }
                6 => {
                    if item.get("sku_id").is_none() {
                        errs.add(
                            &join(path, "sku_id"),
                            "BASE_TYPE_REQUIRED",
                            "This field is required",
                        );
                    }
                }
                _ => errs.add(
                    &join(path, "style"),
                    "BASE_TYPE_CHOICES",
                    "Value must be one of {1, 2, 3, 4, 5, 6}.",
                ),
            }
            errs.max_len(&join(path, "label"), item.get("label"), 80);
            if style != 6
                && str_len(item.get("label")) == 0
                && item.get("emoji").is_none_or(Value::is_null)
            {
                errs.add(
                    path,
                    "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED",
                    "A button must have a label or an emoji",
                );
            }
            1
        }
        3 | 5..=8 if !modal => {
            check_custom_id(errs, true);
            errs.max_len(&join(path, "placeholder"), item.get("placeholder"), 150);
            let min = item.get("min_values").and_then(Value::as_u64).unwrap_or(1);
            let max = item.get("max_values").and_then(Value::as_u64).unwrap_or(1);
            if min > 25 {
                errs.add(
                    &join(path, "min_values"),
                    "NUMBER_TYPE_MAX",
                    "int value should be less than or equal to 25.",
                );
            }
            if !(1..=25).contains(&max) {
                errs.add(
                    &join(path, "max_values"),
                    "NUMBER_TYPE_MAX",
                    "int value should be between 1 and 25.",
                );
            }
            if kind == 3 {
                match item.get("options").and_then(Value::as_array) {
                    Some(opts) if (1..=25).contains(&opts.len()) => {
                        for (k, o) in opts.iter().enumerate() {
                            let op = join(path, format!("options.{k}"));
                            errs.bounded_len(&join(&op, "label"), o.get("label"), 1, 100);
                            errs.bounded_len(&join(&op, "value"), o.get("value"), 1, 100);
                            errs.max_len(&join(&op, "description"), o.get("description"), 100);
                        }
                        if max as usize > opts.len() {
                            errs.add(
                                &join(path, "max_values"),
                                "SELECT_COMPONENT_MAX_VALUES_TOO_HIGH",
                                "max_values exceeds the number of options",
                            );
                        }
                    }
                    _ => errs.add(
                        &join(path, "options"),
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 25 in length.",
                    ),
                }
            }
            5
        }
        4 if modal => {
            check_custom_id(errs, true);
            // In an action row the input carries its own label (in a label component, the
            // label component does).
            errs.bounded_len(&join(path, "label"), item.get("label"), 1, 45);
            text_input(item, errs, path);
            5
        }
        _ => {
            errs.add(
                &join(path, "type"),
                "COMPONENT_TYPE_INVALID",
                format!(
                    "Component type {kind} is not allowed {}",
                    if modal {
                        "in a modal"
                    } else {
                        "in a message action row"
                    }
                ),
            );
            5
        }
    }
}

/// A text input's own fields (OpenAPI `TextInputComponentForModalRequest`): style 1 or 2,
/// placeholder ≤ 100, value ≤ 4000, `min_length` 0–4000, `max_length` 1–4000, `required` a
/// boolean. Its custom id and label are checked where it sits.
fn text_input(item: &Value, errs: &mut FormErrors, path: &str) {
    let style = item.get("style").and_then(Value::as_u64).unwrap_or(0);
    if !(1..=2).contains(&style) {
        errs.add(
            &join(path, "style"),
            "BASE_TYPE_CHOICES",
            "Value must be one of {1, 2}.",
        );
    }
    errs.max_len(&join(path, "placeholder"), item.get("placeholder"), 100);
    errs.max_len(&join(path, "value"), item.get("value"), 4000);
    errs.int_range(&join(path, "min_length"), item.get("min_length"), 0, 4000);
    errs.int_range(&join(path, "max_length"), item.get("max_length"), 1, 4000);
    match item.get("required") {
        None | Some(Value::Null | Value::Bool(_)) => {}
        Some(_) => errs.add(
            &join(path, "required"),
            "BASE_TYPE_BOOLEAN",
            "Must be either true or false.",
        ),
    }
}

/// A label component of a modal (type 18, OpenAPI `LabelComponentForModalRequest`): label 1–45,
/// description 1–100 when given, and one component; a text input in it is checked like one in
/// an action row, without a label of its own.
fn modal_label(row: &Value, errs: &mut FormErrors, path: &str, seen: &mut HashSet<String>) {
    errs.bounded_len(&join(path, "label"), row.get("label"), 1, 45);
    if row.get("description").is_some_and(|d| !d.is_null()) {
        errs.bounded_len(&join(path, "description"), row.get("description"), 1, 100);
    }
    let Some(inner) = row.get("component").filter(|c| c.is_object()) else {
        errs.add(
            &join(path, "component"),
            "BASE_TYPE_REQUIRED",
            "This field is required",
        );
        return;
    };
    let cp = join(path, "component");
    if inner.get("type").and_then(Value::as_u64) == Some(4) {
        match inner.get("custom_id").and_then(Value::as_str) {
            Some(id) => {
                errs.bounded_len(&join(&cp, "custom_id"), inner.get("custom_id"), 1, 100);
                if !seen.insert(id.to_owned()) {
                    errs.add(
                        &join(&cp, "custom_id"),
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated",
                    );
                }
            }
            None => errs.add(
                &join(&cp, "custom_id"),
                "BASE_TYPE_REQUIRED",
                "This field is required",
            ),
        }
        if inner.get("label").is_some_and(|l| !l.is_null()) {
            errs.bounded_len(&join(&cp, "label"), inner.get("label"), 1, 45);
        }
        text_input(inner, errs, &cp);
    }
}

/// Validates interaction callback type 9 (modal) data.
pub fn modal(data: &Value, errs: &mut FormErrors) {
    errs.bounded_len("data.custom_id", data.get("custom_id"), 1, 100);
    errs.bounded_len("data.title", data.get("title"), 1, 45);
    let rows = match data.get("components").and_then(Value::as_array) {
        Some(rows) if (1..=5).contains(&rows.len()) => rows.clone(),
        _ => {
            errs.add(
                "data.components",
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 5 in length.",
            );
            return;
        }
    };
    let mut seen = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let rp = format!("data.components.{i}");
        match row.get("type").and_then(Value::as_u64) {
            Some(1) => {
                let items = row
                    .get("components")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                if items.len() != 1 {
                    errs.add(
                        &join(&rp, "components"),
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 1 in length.",
                    );
                }
                for (j, item) in items.iter().enumerate() {
                    component(
                        item,
                        errs,
                        &join(&rp, format!("components.{j}")),
                        &mut seen,
                        true,
                    );
                }
            }
            // Newer modals: a label around one component, and text to read.
            Some(18) => modal_label(row, errs, &rp, &mut seen),
            Some(10) => errs.bounded_len(&join(&rp, "content"), row.get("content"), 1, 4000),
            _ => errs.add(
                &join(&rp, "type"),
                "COMPONENT_TYPE_INVALID",
                "Modal rows must be action rows or labels",
            ),
        }
    }
}

/// Validates interaction callback type 8 (autocomplete result) data.
pub fn autocomplete_result(data: &Value, errs: &mut FormErrors) {
    let choices = match data.get("choices") {
        Some(Value::Array(a)) => a.clone(),
        _ => {
            errs.add(
                "data.choices",
                "BASE_TYPE_REQUIRED",
                "This field is required",
            );
            return;
        }
    };
    if choices.len() > 25 {
        errs.add(
            "data.choices",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 25 or fewer in length.",
        );
    }
    for (i, c) in choices.iter().enumerate() {
        let p = format!("data.choices.{i}");
        errs.bounded_len(&join(&p, "name"), c.get("name"), 1, 100);
        match c.get("value") {
            Some(Value::String(s)) if s.chars().count() > 100 => errs.add(
                &join(&p, "value"),
                "BASE_TYPE_MAX_LENGTH",
                "Must be 100 or fewer in length.",
            ),
            Some(Value::String(_) | Value::Number(_)) => {}
            _ => errs.add(
                &join(&p, "value"),
                "BASE_TYPE_REQUIRED",
                "This field is required",
            ),
        }
    }
}

/// Discord's chat-input name rule: `^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`, and lower case
/// wherever a character has a lower-case form.
pub fn valid_chat_input_name(name: &str) -> Result<(), &'static str> {
    let n = name.chars().count();
    if n == 0 || n > 32 {
        return Err("length");
    }
    if !name
        .chars()
        .all(|c| c == '-' || c == '_' || c.is_alphanumeric())
    {
        return Err("charset");
    }
    if name
        .chars()
        .any(|c| c.to_lowercase().ne(std::iter::once(c)))
    {
        return Err("case");
    }
    Ok(())
}

fn check_name(errs: &mut FormErrors, path: &str, name: Option<&Value>, chat_input: bool) {
    match name.and_then(Value::as_str) {
        None => errs.add(path, "BASE_TYPE_REQUIRED", "This field is required"),
        Some(n) if chat_input => match valid_chat_input_name(n) {
            Ok(()) => {}
            Err("length") => errs.add(
                path,
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 32 in length.",
            ),
            Err(_) => errs.add(
                path,
                "APPLICATION_COMMAND_INVALID_NAME",
                "Command name is invalid",
            ),
        },
        Some(n) => {
            let len = n.chars().count();
            if len == 0 || len > 32 {
                errs.add(
                    path,
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 32 in length.",
                );
            }
        }
    }
}

/// Discord's `Locale` values, from the spec's `AvailableLocalesEnum` (`spec/locales-openapi.json`,
/// checked against it by a unit test).
pub const LOCALES: &[&str] = &[
    "ar", "bg", "cs", "da", "de", "el", "en-GB", "en-US", "es-419", "es-ES", "fi", "fr", "he",
    "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "nl", "no", "pl", "pt-BR", "ro", "ru", "sv-SE",
    "th", "tr", "uk", "vi", "zh-CN", "zh-TW",
];

/// Checks a `name_localizations` or `description_localizations` map at `path` as Discord does:
/// every key a known locale (`BASE_TYPE_CHOICES` on that key), every value within the field's
/// limits. `name`: chat-input command or option names (1–32, lower case, valid characters);
/// `Some(max)`: text of 1 to `max` characters.
fn localizations(
    errs: &mut FormErrors,
    path: &str,
    map: Option<&Value>,
    name: Option<bool>,
    max: usize,
) {
    let Some(map) = map.filter(|m| !m.is_null()) else {
        return;
    };
    let Some(obj) = map.as_object() else {
        errs.add(
            path,
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        );
        return;
    };
    for (locale, v) in obj {
        let p = join(path, locale);
        if !LOCALES.contains(&locale.as_str()) {
            let allowed: Vec<String> = LOCALES.iter().map(|l| format!("'{l}'")).collect();
            errs.add(
                &p,
                "BASE_TYPE_CHOICES",
                format!("Value must be one of ({}).", allowed.join(", ")),
            );
            continue;
        }
        match name {
            Some(chat_input) => check_name(errs, &p, Some(v), chat_input),
            None => errs.bounded_len(&p, Some(v), 1, max),
        }
    }
}

/// The localizations of a command or an option and of its choices.
fn check_localizations(errs: &mut FormErrors, path: &str, v: &Value, chat_input: bool) {
    localizations(
        errs,
        &join(path, "name_localizations"),
        v.get("name_localizations"),
        Some(chat_input),
        32,
    );
    localizations(
        errs,
        &join(path, "description_localizations"),
        v.get("description_localizations"),
        None,
        100,
    );
    for (k, c) in v
        .get("choices")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        localizations(
            errs,
            &join(&join(path, format!("choices.{k}")), "name_localizations"),
            c.get("name_localizations"),
            None,
            100,
        );
    }
}

/// A field in `locale`: its localization there, else its base value (`None`: the base).
fn localized<'a>(v: &'a Value, field: &str, locale: Option<&str>) -> Option<&'a Value> {
    locale
        .and_then(|l| v.get(format!("{field}_localizations"))?.get(l))
        .or_else(|| v.get(field))
}

/// Counts the characters Discord's 4000-character command size limit covers, in `locale` (its
/// localizations where given; `None`: the base names and descriptions).
fn command_chars(v: &Value, locale: Option<&str>) -> usize {
    let mut n =
        str_len(localized(v, "name", locale)) + str_len(localized(v, "description", locale));
    for c in v
        .get("choices")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        n += str_len(localized(c, "name", locale));
        n += c
            .get("value")
            .and_then(Value::as_str)
            .map_or(0, |s| s.chars().count());
    }
    for o in v
        .get("options")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        n += command_chars(o, locale);
    }
    n
}

/// Validates one application command (as in a bulk overwrite at `prefix`, e.g. `"3"`).
pub fn command(cmd: &Value, errs: &mut FormErrors, prefix: &str) {
    let Some(obj) = cmd.as_object() else {
        errs.add(
            prefix,
            "DICT_TYPE_CONVERT",
            "Only dictionaries may be used in a DictType",
        );
        return;
    };
    let kind = obj.get("type").and_then(Value::as_u64).unwrap_or(1);
    if !(1..=4).contains(&kind) {
        errs.add(
            &join(prefix, "type"),
            "BASE_TYPE_CHOICES",
            "Value must be one of {1, 2, 3, 4}.",
        );
    }
    check_name(errs, &join(prefix, "name"), obj.get("name"), kind == 1);
    check_localizations(errs, prefix, cmd, kind == 1);
    if kind == 1 {
        errs.bounded_len(&join(prefix, "description"), obj.get("description"), 1, 100);
    } else if str_len(obj.get("description")) > 0 {
        errs.add(
            &join(prefix, "description"),
            "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID",
            "Context menu commands cannot have description",
        );
    }
    if let Some(p) = obj
        .get("default_member_permissions")
        .filter(|p| !p.is_null())
    {
        if p.as_str().is_none_or(|s| s.parse::<u64>().is_err()) {
            errs.add(
                &join(prefix, "default_member_permissions"),
                "NUMBER_TYPE_COERCE",
                "Value is not a valid permission string.",
            );
        }
    }
    let options = errs.array_max(&join(prefix, "options"), obj.get("options"), 25);
    if kind != 1 && !options.is_empty() {
        errs.add(
            &join(prefix, "options"),
            "APPLICATION_COMMAND_OPTIONS_INVALID",
            "Context menu commands cannot have options",
        );
    }
    options_list(&options, errs, &join(prefix, "options"), 0);
    if std::iter::once(None)
        .chain(LOCALES.iter().copied().map(Some))
        .any(|l| command_chars(cmd, l) > 4000)
    {
        errs.add(
            prefix,
            "APPLICATION_COMMAND_TOO_LARGE",
            "Command exceeds maximum size (4000)",
        );
    }
}

/// depth 0: options of a command; 1: of a subcommand group; 2: of a subcommand.
fn options_list(options: &[Value], errs: &mut FormErrors, path: &str, depth: u8) {
    let mut names = HashSet::new();
    let mut seen_optional = false;
    let subs = options
        .iter()
        .filter(|o| matches!(o.get("type").and_then(Value::as_u64), Some(1 | 2)))
        .count();
    if subs > 0 && subs != options.len() {
        errs.add(
            path,
            "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
            "Sub-command and sub-command group option types are mutually exclusive to all other types",
        );
    }
    for (i, o) in options.iter().enumerate() {
        let p = join(path, i);
        let kind = o.get("type").and_then(Value::as_u64).unwrap_or(0);
        if !(1..=11).contains(&kind) {
            errs.add(
                &join(&p, "type"),
                "BASE_TYPE_CHOICES",
                "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.",
            );
        }
        check_name(errs, &join(&p, "name"), o.get("name"), true);
        check_localizations(errs, &p, o, true);
        if let Some(n) = o.get("name").and_then(Value::as_str) {
            if !names.insert(n.to_owned()) {
                errs.add(
                    &join(&p, "name"),
                    "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                    "Option names must be unique",
                );
            }
        }
        errs.bounded_len(&join(&p, "description"), o.get("description"), 1, 100);
        let required = o.get("required").and_then(Value::as_bool).unwrap_or(false);
        if required && seen_optional {
            errs.add(
                &join(&p, "required"),
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                "Required options must be placed before non-required options",
            );
        }
        if !required {
            seen_optional = true;
        }
        let choices = errs.array_max(&join(&p, "choices"), o.get("choices"), 25);
        if !choices.is_empty() && !matches!(kind, 3 | 4 | 10) {
            errs.add(
                &join(&p, "choices"),
                "APPLICATION_COMMAND_OPTION_CHOICES_INVALID",
                "Choices are only allowed for string, integer and number options",
            );
        }
        if !choices.is_empty() && o.get("autocomplete").and_then(Value::as_bool) == Some(true) {
            errs.add(
                &join(&p, "autocomplete"),
                "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                "Autocomplete cannot be set with choices",
            );
        }
        for (k, c) in choices.iter().enumerate() {
            let cp = join(&p, format!("choices.{k}"));
            errs.bounded_len(&join(&cp, "name"), c.get("name"), 1, 100);
            match (kind, c.get("value")) {
                (3, Some(Value::String(s))) if s.chars().count() <= 100 => {}
                (3, Some(Value::String(_))) => errs.add(
                    &join(&cp, "value"),
                    "BASE_TYPE_MAX_LENGTH",
                    "Must be 100 or fewer in length.",
                ),
                (4, Some(v)) if v.is_i64() || v.is_u64() => {}
                (10, Some(Value::Number(_))) => {}
                (3 | 4 | 10, _) => errs.add(
                    &join(&cp, "value"),
                    "BASE_TYPE_COERCE",
                    "Value does not match the option type",
                ),
                _ => {}
            }
        }
        for key in ["min_length", "max_length"] {
            if let Some(v) = o.get(key).and_then(Value::as_u64) {
                if v > 6000 {
                    errs.add(
                        &join(&p, key),
                        "NUMBER_TYPE_MAX",
                        "int value should be less than or equal to 6000.",
                    );
                }
            }
        }
        let sub = errs.array_max(&join(&p, "options"), o.get("options"), 25);
        match kind {
            2 => {
                if depth != 0 {
                    errs.add(
                        &join(&p, "type"),
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Sub-command groups can only be top-level options",
                    );
                }
                if sub
                    .iter()
                    .any(|s| s.get("type").and_then(Value::as_u64) != Some(1))
                {
                    errs.add(
                        &join(&p, "options"),
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Sub-command groups may only contain sub-commands",
                    );
                }
                options_list(&sub, errs, &join(&p, "options"), 1);
            }
            1 => {
                if depth > 1 {
                    errs.add(
                        &join(&p, "type"),
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Sub-commands cannot be nested this deep",
                    );
                }
                if sub
                    .iter()
                    .any(|s| matches!(s.get("type").and_then(Value::as_u64), Some(1 | 2)))
                {
                    errs.add(
                        &join(&p, "options"),
                        "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                        "Sub-commands cannot contain sub-commands",
                    );
                }
                options_list(&sub, errs, &join(&p, "options"), 2);
            }
            _ if !sub.is_empty() => {
                errs.add(
                    &join(&p, "options"),
                    "APPLICATION_COMMAND_OPTIONS_INVALID",
                    "Only sub-commands and groups may have options",
                );
            }
            _ => {}
        }
    }
}

/// Validates a bulk overwrite body: a list of at most 100 chat-input and 15 of each context menu
/// type, with unique names per type.
pub fn command_list(body: &Value) -> Result<(), ApiError> {
    let mut errs = FormErrors::default();
    let Some(list) = body.as_array() else {
        errs.add(
            "",
            "BASE_TYPE_LIST",
            "Only iterables may be used in a ListType",
        );
        return errs.into_result();
    };
    let mut names = HashSet::new();
    let mut counts = [0usize; 5];
    for (i, c) in list.iter().enumerate() {
        command(c, &mut errs, &i.to_string());
        let kind = c.get("type").and_then(Value::as_u64).unwrap_or(1).min(4) as usize;
        counts[kind] += 1;
        if let Some(n) = c.get("name").and_then(Value::as_str) {
            if !names.insert((kind, n.to_owned())) {
                errs.add(
                    &format!("{i}.name"),
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                );
            }
        }
    }
    if counts[1] > 100 {
        errs.add(
            "",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 100 or fewer chat input commands.",
        );
    }
    if counts[2] > 15 || counts[3] > 15 {
        errs.add(
            "",
            "BASE_TYPE_MAX_LENGTH",
            "Must be 15 or fewer context menu commands of each type.",
        );
    }
    errs.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_chat_input_name("check-in").is_ok());
        assert!(valid_chat_input_name("réunion_2").is_ok());
        assert!(valid_chat_input_name("Check").is_err());
        assert!(valid_chat_input_name("two words").is_err());
        assert!(valid_chat_input_name("").is_err());
        assert!(valid_chat_input_name(&"a".repeat(33)).is_err());
    }

    #[test]
    fn content_too_long() {
        let mut errs = FormErrors::default();
        message_payload(
            &json!({ "content": "x".repeat(2001) }),
            &mut errs,
            "",
            false,
        );
        let e = errs.into_result().unwrap_err();
        assert_eq!(
            e.body["errors"]["content"]["_errors"][0]["code"],
            "BASE_TYPE_MAX_LENGTH"
        );
    }

    #[test]
    fn embed_total() {
        let mut errs = FormErrors::default();
        let embeds: Vec<Value> = (0..2)
            .map(|_| json!({ "description": "x".repeat(3500) }))
            .collect();
        message_payload(&json!({ "embeds": embeds }), &mut errs, "", false);
        let e = errs.into_result().unwrap_err();
        assert!(
            e.summary().contains("MAX_EMBED_SIZE_EXCEEDED"),
            "{}",
            e.summary()
        );
    }

    #[test]
    fn components_limits() {
        let button = |id: &str| json!({ "type": 2, "style": 1, "custom_id": id, "label": "ok" });
        let row: Vec<Value> = (0..6).map(|i| button(&format!("b{i}"))).collect();
        let mut errs = FormErrors::default();
        message_payload(
            &json!({ "content": "x", "components": [{ "type": 1, "components": row }] }),
            &mut errs,
            "",
            false,
        );
        assert!(!errs.is_empty());
        let mut errs = FormErrors::default();
        message_payload(
            &json!({ "content": "x", "components": [{ "type": 1, "components": [button("a"), button("a")] }] }),
            &mut errs,
            "",
            false,
        );
        assert!(errs
            .into_result()
            .unwrap_err()
            .summary()
            .contains("DUPLICATED"));
    }

    /// A modal as the adapter sends it: one action row with one paragraph input.
    fn a_modal() -> Value {
        json!({
            "custom_id": "lt:format text:3",
            "title": "Text of part 3",
            "components": [{ "type": 1, "components": [{
                "type": 4, "custom_id": "text", "style": 2, "label": "What the bot posts",
                "placeholder": "Set the text a part posts", "value": "Welcome.",
                "min_length": 1, "max_length": 3000, "required": true
            }]}]
        })
    }

    /// The error codes a modal gets, with their paths.
    fn modal_errors(data: &Value) -> String {
        let mut errs = FormErrors::default();
        modal(data, &mut errs);
        errs.into_result()
            .err()
            .map(|e| e.summary())
            .unwrap_or_default()
    }

    #[test]
    fn a_well_formed_modal_passes() {
        assert_eq!(modal_errors(&a_modal()), "");
    }

    #[test]
    fn modal_title_is_1_to_45() {
        let mut m = a_modal();
        m["title"] = json!("t".repeat(46));
        assert!(modal_errors(&m).contains("data.title BASE_TYPE_BAD_LENGTH"));
        m["title"] = json!("");
        assert!(modal_errors(&m).contains("data.title BASE_TYPE_BAD_LENGTH"));
        m.as_object_mut().unwrap().remove("title");
        assert!(modal_errors(&m).contains("data.title BASE_TYPE_REQUIRED"));
    }

    #[test]
    fn modal_custom_id_is_1_to_100() {
        let mut m = a_modal();
        m["custom_id"] = json!("c".repeat(101));
        assert!(modal_errors(&m).contains("data.custom_id BASE_TYPE_BAD_LENGTH"));
        m["custom_id"] = json!("c".repeat(100));
        assert_eq!(modal_errors(&m), "");
    }

    #[test]
    fn modal_has_1_to_5_rows() {
        let mut m = a_modal();
        m["components"] = json!([]);
        assert!(modal_errors(&m).contains("data.components BASE_TYPE_BAD_LENGTH"));
        let row = |i: usize| {
            json!({ "type": 1, "components": [{
                "type": 4, "custom_id": format!("t{i}"), "style": 1, "label": "L"
            }]})
        };
        m["components"] = json!((0..6).map(row).collect::<Vec<_>>());
        assert!(modal_errors(&m).contains("data.components BASE_TYPE_BAD_LENGTH"));
        m["components"] = json!((0..5).map(row).collect::<Vec<_>>());
        assert_eq!(modal_errors(&m), "");
    }

    #[test]
    fn text_input_label_is_1_to_45() {
        let mut m = a_modal();
        m["components"][0]["components"][0]["label"] = json!("l".repeat(46));
        assert!(modal_errors(&m).contains("components.0.label BASE_TYPE_BAD_LENGTH"));
    }

    #[test]
    fn text_input_value_is_at_most_4000() {
        let mut m = a_modal();
        m["components"][0]["components"][0]["value"] = json!("v".repeat(4001));
        assert!(modal_errors(&m).contains("components.0.value BASE_TYPE_MAX_LENGTH"));
        m["components"][0]["components"][0]["value"] = json!("v".repeat(4000));
        m["components"][0]["components"][0]["max_length"] = json!(4000);
        assert_eq!(modal_errors(&m), "");
    }

    #[test]
    fn text_input_placeholder_is_at_most_100() {
        let mut m = a_modal();
        m["components"][0]["components"][0]["placeholder"] = json!("p".repeat(101));
        assert!(modal_errors(&m).contains("components.0.placeholder BASE_TYPE_MAX_LENGTH"));
    }

    #[test]
    fn text_input_min_length_is_0_to_4000() {
        let mut m = a_modal();
        m["components"][0]["components"][0]["min_length"] = json!(4001);
        assert!(modal_errors(&m).contains("components.0.min_length NUMBER_TYPE_MAX"));
        m["components"][0]["components"][0]["min_length"] = json!(-1);
        assert!(modal_errors(&m).contains("components.0.min_length NUMBER_TYPE_MIN"));
        m["components"][0]["components"][0]["min_length"] = json!(0);
        assert_eq!(modal_errors(&m), "");
    }

    #[test]
    fn text_input_max_length_is_1_to_4000() {
        let mut m = a_modal();
        m["components"][0]["components"][0]["max_length"] = json!(4001);
        assert!(modal_errors(&m).contains("components.0.max_length NUMBER_TYPE_MAX"));
        m["components"][0]["components"][0]["max_length"] = json!(0);
        assert!(modal_errors(&m).contains("components.0.max_length NUMBER_TYPE_MIN"));
        m["components"][0]["components"][0]["max_length"] = json!("3000");
        assert!(modal_errors(&m).contains("components.0.max_length NUMBER_TYPE_COERCE"));
    }

    #[test]
    fn text_input_required_is_a_boolean() {
        let mut m = a_modal();
        m["components"][0]["components"][0]["required"] = json!("yes");
        assert!(modal_errors(&m).contains("components.0.required BASE_TYPE_BOOLEAN"));
    }

    #[test]
    fn text_input_style_is_short_or_paragraph() {
        let mut m = a_modal();
        m["components"][0]["components"][0]["style"] = json!(3);
        assert!(modal_errors(&m).contains("components.0.style BASE_TYPE_CHOICES"));
    }

    #[test]
    fn a_label_component_holds_one_component_and_bounded_words() {
        let mut m = a_modal();
        m["components"] = json!([{ "type": 18, "label": "Text of part 3", "description": "Kept as typed",
            "component": { "type": 4, "custom_id": "text", "style": 2, "max_length": 3000 } }]);
        assert_eq!(modal_errors(&m), "");
        m["components"][0]["label"] = json!("l".repeat(46));
        m["components"][0]["description"] = json!("d".repeat(101));
        m["components"][0]["component"]["max_length"] = json!(5000);
        let e = modal_errors(&m);
        assert!(e.contains("components.0.label BASE_TYPE_BAD_LENGTH"), "{e}");
        assert!(
            e.contains("components.0.description BASE_TYPE_BAD_LENGTH"),
            "{e}"
        );
        assert!(e.contains("component.max_length NUMBER_TYPE_MAX"), "{e}");
        m["components"][0]
            .as_object_mut()
            .unwrap()
            .remove("component");
        assert!(modal_errors(&m).contains("components.0.component BASE_TYPE_REQUIRED"));
    }

    #[test]
    fn a_text_display_holds_1_to_4000_characters() {
        let mut m = a_modal();
        m["components"] =
            json!([{ "type": 10, "content": "" }, a_modal()["components"][0].clone()]);
        assert!(modal_errors(&m).contains("components.0.content BASE_TYPE_BAD_LENGTH"));
        m["components"][0]["content"] = json!("Read this first.");
        assert_eq!(modal_errors(&m), "");
    }

    #[test]
    fn localizations_take_discord_locales_and_limits_only() {
        let cmd = |v: Value| json!([v]);
        let ok = cmd(json!({ "name": "round", "description": "Rounds",
            "name_localizations": { "de": "runde", "es-419": "ronda" },
            "description_localizations": { "fr": "Tours", "pt-BR": "Rodadas" },
            "options": [{ "type": 3, "name": "order", "description": "Order",
                "name_localizations": { "fr": "ordre" },
                "description_localizations": { "de": "Reihenfolge" },
                "choices": [{ "name": "on", "value": "on", "name_localizations": { "de": "an" } }] }] }));
        assert!(command_list(&ok).is_ok());

        let bad_locale = cmd(json!({ "name": "round", "description": "Rounds",
            "description_localizations": { "pt_BR": "Rodadas" } }));
        let e = command_list(&bad_locale).unwrap_err();
        assert_eq!(e.status, 400);
        assert_eq!(e.body["code"], 50035);
        let err = &e.body["errors"]["0"]["description_localizations"]["pt_BR"]["_errors"][0];
        assert_eq!(err["code"], "BASE_TYPE_CHOICES", "{}", e.body);
        assert!(err["message"].as_str().unwrap().contains("'pt-BR'"));

        let long = cmd(
            json!({ "name": "round", "description": "Rounds", "options": [
            { "type": 3, "name": "order", "description": "Order",
              "description_localizations": { "de": "d".repeat(101) } }] }),
        );
        let e = command_list(&long).unwrap_err();
        assert_eq!(
            e.body["errors"]["0"]["options"]["0"]["description_localizations"]["de"]["_errors"][0]
                ["code"],
            "BASE_TYPE_BAD_LENGTH",
            "{}",
            e.body
        );

        let bad_name = cmd(json!({ "name": "round", "description": "Rounds",
            "name_localizations": { "de": "Runde" } }));
        let e = command_list(&bad_name).unwrap_err();
        assert_eq!(
            e.body["errors"]["0"]["name_localizations"]["de"]["_errors"][0]["code"],
            "APPLICATION_COMMAND_INVALID_NAME"
        );
        let bad_choice = cmd(json!({ "name": "x", "description": "d", "options": [
            { "type": 3, "name": "o", "description": "d",
              "choices": [{ "name": "on", "value": "on", "name_localizations": { "de": "" } }] }] }));
        assert!(command_list(&bad_choice).is_err());
    }

    #[test]
    fn the_locales_are_the_spec_s() {
        let spec: Value =
            serde_json::from_str(include_str!("../spec/locales-openapi.json")).unwrap();
        let listed: Vec<&str> = spec["components"]["schemas"]["AvailableLocalesEnum"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["const"].as_str().unwrap())
            .collect();
        assert_eq!(listed, LOCALES);
    }

    #[test]
    fn commands() {
        let ok = json!([{ "name": "join", "description": "Join", "options": [
            { "type": 3, "name": "circle", "description": "Which", "required": true },
            { "type": 4, "name": "minutes", "description": "How long" }
        ]}]);
        assert!(command_list(&ok).is_ok());
        let bad_order = json!([{ "name": "join", "description": "Join", "options": [
            { "type": 4, "name": "minutes", "description": "How long" },
            { "type": 3, "name": "circle", "description": "Which", "required": true }
        ]}]);
        assert!(command_list(&bad_order)
            .unwrap_err()
            .summary()
            .contains("REQUIRED_INVALID"));
        let upper = json!([{ "name": "Join", "description": "Join" }]);
        let e = command_list(&upper).unwrap_err();
        assert_eq!(
            e.body["errors"]["0"]["name"]["_errors"][0]["code"],
            "APPLICATION_COMMAND_INVALID_NAME"
        );
        let many: Vec<Value> = (0..26)
            .map(|i| json!({ "type": 3, "name": format!("o{i}"), "description": "d" }))
            .collect();
        assert!(
            command_list(&json!([{ "name": "x", "description": "d", "options": many }])).is_err()
        );
        let dup = json!([{ "name": "a", "description": "d" }, { "name": "a", "description": "d" }]);
        assert!(command_list(&dup).is_err());
        let user_cmd = json!([{ "type": 2, "name": "Report User", "description": "" }]);
        assert!(command_list(&user_cmd).is_ok());
    }
}
