//! Search on a large library: generates 500 documents × 200 paragraphs (100,000
//! paragraphs of UN-style wording made up from a fixed vocabulary) in a temporary store,
//! then times the queries drafters make and prints the median and 95th percentile.
//!
//!     cargo run --release -p chancery-core --example search_bench
//!
//! Writes nothing outside a temporary folder, which is removed at the end.

use std::time::{Duration, Instant};

use chancery_core::library::split::{Split, SplitParagraph};
use chancery_core::library::{Kind, NewDocument, Symbol};
use chancery_core::store::Search;
use chancery_core::{Clock, Store};

const DOCUMENTS: usize = 500;
const PARAGRAPHS: usize = 200;
const RUNS: usize = 20;

/// The domain's words, most common first; made-up filler words follow them in the
/// vocabulary, and words are drawn by Zipf's law (the k-th word about 1/k as often as the
/// first), so "the" and "States" are in most paragraphs and most words in few, as in real texts.
const WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "States", "that", "on", "for", "international", "security", "information", "use", "should",
    "technologies", "communications", "cooperation", "norms", "responsible", "behaviour", "law", "Group", "measures", "including",
    "capacity-building", "confidence-building", "critical", "infrastructure", "national", "regional", "global", "points", "contact",
    "exchange", "practices", "implementation", "voluntary", "non-binding", "framework", "consensus", "report", "recommendations",
    "threats", "existing", "potential", "malicious", "activities", "incidents", "attribution", "sovereignty", "non-intervention",
    "Charter", "United", "Nations", "peace", "stability", "human", "rights", "privacy", "freedom", "expression", "supply", "chain",
    "integrity", "vulnerabilities", "disclosure", "emergency", "response", "teams", "assistance", "requests", "territory",
    "wrongful", "acts", "due", "diligence", "humanitarian", "principles", "distinction", "proportionality", "necessity",
    "countermeasures", "self-defence", "Article", "settlement", "disputes", "mechanism", "dialogue", "institutional", "thematic",
    "plenary", "session", "review", "conference", "cycle", "secretariat", "portal", "directory", "template", "ping", "test",
    "gender", "inclusion", "developing", "countries", "small", "island", "partnerships", "sustainability", "transparency",
    "ownership", "demand-driven", "political", "neutrality", "private", "sector", "civil", "society", "academia", "technical",
    "community", "stakeholders", "undersea", "cables", "satellites", "health", "energy", "financial", "electoral", "ransomware",
    "terrorist", "criminal", "proxies", "escalation", "misperception", "tensions", "trust", "predictability", "accountability",
];

const VOCABULARY: usize = 20_000;

fn vocabulary() -> Vec<String> {
    let syllables = ["ra", "to", "mi", "sen", "pol", "dar", "ve", "qui", "lo", "bes", "nu", "tor", "ga", "fi", "lem", "su"];
    let mut words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    let mut n = 0usize;
    while words.len() < VOCABULARY {
        let (a, b, c) = (n % 16, n / 16 % 16, n / 256 % 16);
        words.push(format!("{}{}{}{}", syllables[a], syllables[b], syllables[c], if n >= 4096 { syllables[n / 4096 % 16] } else { "" }));
        n += 1;
    }
    words
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: fast and reproducible; the corpus is the same on every run.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A word's rank by Zipf's law with exponent 1, by inverting its cumulative weight.
    fn rank(&mut self) -> usize {
        let u = (self.below(1_000_000) as f64 + 0.5) / 1_000_000.0;
        let harmonic = (VOCABULARY as f64).ln() + 0.5772;
        ((u * harmonic - 0.5772).exp() as usize).min(VOCABULARY - 1)
    }
}

fn paragraph(rng: &mut Rng, vocabulary: &[String]) -> String {
    let words = 30 + rng.below(60);
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&vocabulary[rng.rank()]);
    }
    text.push('.');
    text
}

fn generate(store: &mut Store) {
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let words = vocabulary();
    let kinds = [Kind::Report, Kind::Resolution, Kind::ChairsSummary, Kind::Position, Kind::Other];
    for d in 0..DOCUMENTS {
        let session = 60 + d % 40;
        let kind = kinds[d % kinds.len()];
        let symbol = match kind {
            Kind::Resolution => format!("A/RES/{session}/{}", 100 + d),
            _ => format!("A/{session}/{}", 100 + d),
        };
        let paragraphs = (0..PARAGRAPHS)
            .map(|p| {
                let label = if p % 10 == 0 { format!("{}", p / 10 + 1) } else { format!("{}({})", p / 10 + 1, (b'a' + (p % 10) as u8) as char) };
                SplitParagraph { label, text: paragraph(&mut rng, &words) }
            })
            .collect();
        let new = NewDocument {
            symbol: Symbol::parse(&symbol).expect("a generated symbol"),
            title: format!("Generated document {d}"),
            short_title: None,
            body: Some("General Assembly".into()),
            date: Some(format!("{}-06-01", 2000 + d % 26)),
            kind,
            adoption: None,
        };
        store.import_document(new, &Split { paragraphs }, false).expect("a generated document imports");
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open_with_clock(&folder.path().join("bench.sqlite3"), Clock::system()).expect("a store");
    let started = Instant::now();
    generate(&mut store);
    println!("generated {DOCUMENTS} documents × {PARAGRAPHS} paragraphs in {:.1} s", started.elapsed().as_secs_f64());

    let plain = |q: &str| Search { query: q.into(), ..Search::default() };
    let queries: Vec<(&str, Search)> = vec![
        ("common word", plain("States")),
        ("two common words", plain("international security")),
        ("rare word", plain("ransomware")),
        ("two rare words", plain("undersea cables")),
        ("phrase", plain("\"critical infrastructure\"")),
        ("prefix", plain("vulner*")),
        ("three words", plain("human rights privacy")),
        ("common word, kind filter", Search { kind: Some(Kind::Resolution), ..plain("States") }),
        ("common word, year filter", Search { year: Some(2015), ..plain("cooperation") }),
        ("word, one document", Search { document: Some(Symbol::parse("A/60/100").unwrap()), ..plain("norms") }),
        ("words, kind and year", Search { kind: Some(Kind::Report), year: Some(2010), ..plain("due diligence") }),
    ];
    let mut all = Vec::new();
    println!("{:<28} {:>6} {:>10} {:>10}", "query", "hits", "median", "p95");
    for (name, search) in &queries {
        let mut times = Vec::with_capacity(RUNS);
        let mut hits = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            hits = store.search(search).expect("a search").len();
            times.push(t.elapsed());
        }
        times.sort();
        println!("{name:<28} {hits:>6} {:>8.2}ms {:>8.2}ms", ms(percentile(&times, 0.5)), ms(percentile(&times, 0.95)));
        all.extend(times);
    }
    all.sort();
    println!("all {} queries: median {:.2} ms, p95 {:.2} ms, max {:.2} ms", all.len(), ms(percentile(&all, 0.5)), ms(percentile(&all, 0.95)), ms(*all.last().unwrap()));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
