//! The few words the export writes itself, in the paper's language: dates and the
//! "Original: English" line.

/// "Original: English" in the paper's own language, as UN documents print it.
pub fn original(language: &str) -> Option<&'static str> {
    Some(match language {
        "en" => "Original: English",
        "fr" => "Original : français",
        "es" => "Original: español",
        "ru" => "Язык оригинала: русский",
        "ar" => "الأصل: بالعربية",
        "zh" => "原文：中文",
        _ => return None,
    })
}

/// The heading of the annex listing the agreed texts a paper cites.
pub fn cited_heading(language: &str) -> &'static str {
    match language {
        "fr" => "Textes agréés cités",
        "es" => "Textos acordados citados",
        "ru" => "Цитируемые согласованные тексты",
        "ar" => "النصوص المتفق عليها المستشهد بها",
        "zh" => "所引商定案文",
        _ => "Agreed texts cited",
    }
}

/// The heading of the annex summarising the Voluntary Checklist of Practical Actions.
pub fn checklist_heading(language: &str) -> &'static str {
    match language {
        "fr" => "Liste de contrôle volontaire des mesures pratiques : résumé",
        "es" => "Lista de verificación voluntaria de medidas prácticas: resumen",
        "ru" => "Добровольный перечень практических мер: сводка",
        "ar" => "القائمة المرجعية الطوعية للإجراءات العملية: موجز",
        "zh" => "自愿性实际行动清单：摘要",
        _ => "Voluntary Checklist of Practical Actions: summary",
    }
}

/// 2026-11-23 as the paper's language writes it; other text is returned as written.
pub fn date(text: &str, language: &str) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    let parsed = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(y), Ok(m @ 1..=12), Ok(d @ 1..=31)) => Some((y, m, d)),
            _ => None,
        },
        _ => None,
    };
    let Some((y, m, d)) = parsed else { return text.to_string() };
    let months: [&str; 12] = match language {
        "fr" => ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        "es" => ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        "ru" => ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
        "ar" => ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيه", "يوليه", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
        _ => ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    };
    match language {
        "zh" => format!("{y}年{m}月{d}日"),
        "es" => format!("{d} de {} de {y}", months[m - 1]),
        "ru" => format!("{d} {} {y} года", months[m - 1]),
        _ => format!("{d} {} {y}", months[m - 1]),
    }
}
