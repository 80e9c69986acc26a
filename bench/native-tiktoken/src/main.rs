//! Native tiktoken (OpenAI's Rust core, `CoreBPE::encode_ordinary`) for
//! bench/tokens.bench.ts. tiktoken's src/lib.rs is compiled in from vendor/ (see setup.sh).
//!
//! native-tiktoken RANKS PATTERN WARMUP TEXTS
//!   RANKS   .tiktoken file: one "<base64 token bytes> <rank>" per line
//!   PATTERN file holding the pre-tokenizer regex
//!   WARMUP  text counted once first, unmeasured (JIT-free here, but caches and page-ins)
//!   TEXTS   the measured text; NUL-separated parts are counted one call each
//! Prints one JSON line: {"count":…,"seconds":…} — the CPU time of this process
//! (one thread) for counting TEXTS once; no text is counted twice.

#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../vendor/tiktoken/src/lib.rs"]
mod tiktoken;

use std::fs;
use tiktoken::{CoreBPE, Rank};

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}
unsafe extern "C" {
    fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
}
const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;

fn cpu_seconds() -> f64 {
    let mut t = Timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

fn b64(s: &str) -> Vec<u8> {
    fn v(c: u8) -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("bad base64"),
        }
    }
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= v(c) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((acc >> (16 - 8 * i)) as u8);
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: native-tiktoken RANKS PATTERN WARMUP TEXTS");
        std::process::exit(2);
    }
    let ranks = fs::read_to_string(&args[1]).expect("ranks");
    let encoder: Vec<(Vec<u8>, Rank)> = ranks
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (t, r) = l.split_once(' ').expect("rank line");
            (b64(t), r.trim().parse().expect("rank"))
        })
        .collect();
    let pattern = fs::read_to_string(&args[2]).expect("pattern");
    let bpe = CoreBPE::new::<_, _, Vec<(String, (Rank, Rank))>>(
        encoder,
        Vec::<(String, Rank)>::new(),
        pattern.trim_end_matches('\n'),
    )
    .expect("CoreBPE::new");
    let warmup = fs::read_to_string(&args[3]).expect("warmup");
    let texts = fs::read_to_string(&args[4]).expect("texts");
    let parts: Vec<&str> = texts.split('\0').collect();

    let warm = bpe.encode_ordinary(&warmup).len();
    std::hint::black_box(warm);

    let start = cpu_seconds();
    let mut count = 0usize;
    for p in &parts {
        count += bpe.encode_ordinary(std::hint::black_box(p)).len();
    }
    let seconds = cpu_seconds() - start;
    println!("{{\"count\":{count},\"seconds\":{seconds},\"parts\":{}}}", parts.len());
}
