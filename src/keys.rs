//! API keys: made from the operating system's random source, shown once, kept only as
//! a hash. A key reads `wsk_<prefix>_<secret>`: the prefix (public, 8 hex digits) finds
//! the stored row, the secret (64 hex digits, 256 bits) proves possession; the two are
//! hashed together and compared in constant time. Pure apart from the random bytes.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const SCHEME: &str = "wsk";

/// A key just made: `token` is given to the user once; `prefix` and `hash` are stored.
pub struct NewKey {
    pub token: String,
    pub prefix: String,
    pub hash: Vec<u8>,
}

/// Makes a new key.
pub fn generate() -> Result<NewKey, getrandom::Error> {
    let mut bytes = [0u8; 36];
    getrandom::getrandom(&mut bytes)?;
    let prefix = hex(&bytes[..4]);
    let token = format!("{SCHEME}_{prefix}_{}", hex(&bytes[4..]));
    let hash = hash(&token);
    Ok(NewKey {
        token,
        prefix,
        hash,
    })
}

/// The prefix of a well-formed token, or `None` for anything else.
pub fn prefix_of(token: &str) -> Option<&str> {
    let rest = token.strip_prefix(SCHEME)?.strip_prefix('_')?;
    let (prefix, secret) = rest.split_once('_')?;
    let hex_of = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    (hex_of(prefix, 8) && hex_of(secret, 64)).then_some(prefix)
}

/// What is stored for a token.
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Whether `token` is the key whose hash is `stored`, in time that does not depend on
/// where they differ.
pub fn matches(token: &str, stored: &[u8]) -> bool {
    hash(token).ct_eq(stored).into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_well_formed_and_match_only_themselves() {
        let a = generate().unwrap();
        let b = generate().unwrap();
        assert_ne!(a.token, b.token);
        assert_eq!(prefix_of(&a.token), Some(a.prefix.as_str()));
        assert!(matches(&a.token, &a.hash));
        assert!(!matches(&b.token, &a.hash));
    }

    #[test]
    fn malformed_tokens_have_no_prefix() {
        for bad in [
            "",
            "wsk_",
            "wsk_0123abcd",
            "wsk_0123abcd_xyz",
            "Bearer wsk_0123abcd_00",
            &format!("wsk_0123abcd_{}", "0".repeat(63)),
            &format!("wsk_0123abcg_{}", "0".repeat(64)),
            &format!("other_0123abcd_{}", "0".repeat(64)),
        ] {
            assert_eq!(prefix_of(bad), None, "{bad:?}");
        }
        assert!(prefix_of(&format!("wsk_0123abcd_{}", "f".repeat(64))).is_some());
    }
}
