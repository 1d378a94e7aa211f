//! Every acknowledged save survives SIGKILL: the real `chancery` program writes in a loop
//! and is killed at random moments; after each kill the store must be sound and hold every
//! change whose command had exited successfully.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

use crate::Scratch;

const KILLS: usize = 30;

/// A shell loop of `paper update` with a growing text; after each command that exits
/// successfully, its number is appended to `acked` (so a number there was acknowledged).
const WRITER: &str = r#"
i=$1
text=""
while :; do
  text="$text marker-$i"
  printf -- '---\ntitle: Kill test\n---\n\n## Text\n\n%s\n' "$text" > "$DIR/next.md"
  "$CHANCERY" --db "$DB" paper update 1 "$DIR/next.md" >/dev/null 2>>"$DIR/errors" || { echo "$i" >> "$DIR/failed"; exit 1; }
  echo "$i" >> "$DIR/acked"
  i=$((i+1))
done
"#;

/// xorshift64*: enough randomness for kill times, and a seed that reproduces a run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

/// A writer's process group, killed with SIGKILL when dropped: the shell and the chancery
/// it is running, mid-write or not; and never left behind by a failing test.
struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-s", "KILL", "--", &group]).status();
        let _ = self.0.wait();
    }
}

fn acknowledged(dir: &Path) -> Vec<u64> {
    std::fs::read_to_string(dir.join("acked"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.parse().unwrap_or_else(|_| panic!("a torn line in acked: {l:?}")))
        .collect()
}

#[test]
fn acknowledged_saves_survive_sigkill_at_random_moments() {
    let seed = std::env::var("CHANCERY_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1);
    println!("kill test seed: {seed} (set CHANCERY_KILL_SEED to repeat)");
    let mut rng = Rng(seed);
    let scratch = Scratch::new();
    let dir = scratch.dir.path();
    let start = scratch.file("start.md", "---\ntitle: Kill test\n---\n\n## Text\n\nstart\n");
    let made = Command::new(env!("CARGO_BIN_EXE_chancery")).arg("--db").arg(scratch.db()).args(["paper", "import"]).arg(&start).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let began = Instant::now();
    let mut next = 0u64;
    for kill in 0..KILLS {
        let writer = Command::new("sh")
            .args(["-c", WRITER, "writer"])
            .arg(next.to_string())
            .env("CHANCERY", env!("CARGO_BIN_EXE_chancery"))
            .env("DB", scratch.db())
            .env("DIR", dir)
            .env_remove("CHANCERY_DB")
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let writer = Group(writer);
        std::thread::sleep(Duration::from_millis(rng.between(10, 500)));
        drop(writer);

        let failed = std::fs::read_to_string(dir.join("failed")).unwrap_or_default();
        let errors = std::fs::read_to_string(dir.join("errors")).unwrap_or_default();
        assert!(failed.is_empty(), "kill {kill} (seed {seed}): a write failed before the kill: {errors}");

        let conn = Connection::open(scratch.db()).unwrap();
        let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(verdict, "ok", "kill {kill} (seed {seed})");
        let acked = acknowledged(dir);
        for marker in acked.iter().filter(|&&m| m >= next) {
            let word = format!("marker-{marker} ");
            let kept: bool = conn
                .query_row("SELECT EXISTS (SELECT 1 FROM version WHERE instr(replace(markdown, char(10), ' ') || ' ', ?1) > 0)", [&word], |r| r.get(0))
                .unwrap();
            assert!(kept, "kill {kill} (seed {seed}): acknowledged change {marker} is missing");
        }
        // The paper's text is at least the last acknowledged one.
        if let Some(&last) = acked.last().filter(|&&m| m >= next) {
            let body: String = conn.query_row("SELECT body FROM section WHERE paper_id = 1", [], |r| r.get(0)).unwrap();
            let newest = body.split_whitespace().filter_map(|w| w.strip_prefix("marker-")?.parse::<u64>().ok()).max();
            assert!(newest >= Some(last), "kill {kill} (seed {seed}): the text lost change {last}: {body}");
        }
        drop(conn);
        // Numbers of the next run start past any that may have been written unacknowledged.
        next = acked.last().map_or(next, |&m| m + 1) + 1000;
    }
    let acked = acknowledged(dir).len();
    println!("{KILLS} kills, {acked} acknowledged saves checked, in {:?}", began.elapsed());
    assert!(acked > 0, "no save was acknowledged at all: the kills came too early (seed {seed})");
    // The store still opens and works for the program afterwards.
    let listed = Command::new(env!("CARGO_BIN_EXE_chancery")).arg("--db").arg(scratch.db()).args(["paper", "versions", "1"]).output().unwrap();
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
}
