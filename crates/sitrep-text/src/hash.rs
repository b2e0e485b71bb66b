//! A fast hasher for maps keyed by short strings from our own models and dictionaries.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a with a final mix (splitmix64). The models and dictionaries look up a few short
/// keys per token, where the standard library's DoS-resistant hasher costs more than the
/// look-up itself. Only for maps whose keys come from the model files and the built-in or
/// curated dictionaries, not from input text: input only looks keys up.
#[derive(Default, Clone, Copy)]
pub struct StrHasher(u64);

impl Hasher for StrHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Builds [`StrHasher`]s.
pub type StrBuild = BuildHasherDefault<StrHasher>;

/// A map from strings, hashed with [`StrHasher`].
pub type StrMap<V> = HashMap<String, V, StrBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn equal_strings_hash_equal_and_distinct_ones_spread() {
        let b = StrBuild::default();
        assert_eq!(b.hash_one("militia"), b.hash_one(String::from("militia")));
        let hashes: std::collections::HashSet<u64> =
            (0..10_000).map(|i| b.hash_one(format!("w{i}"))).collect();
        assert_eq!(hashes.len(), 10_000);
        let mut m: StrMap<usize> = StrMap::default();
        m.insert("a".into(), 1);
        assert_eq!(m.get("a"), Some(&1));
        assert_eq!(m.get("b"), None);
    }
}
