//! The restore and copy options a profile's `[restore]` table presets: each is the flag when
//! given, else the profile's value, else the built-in default, the same one the console's
//! action form starts with.

use crate::api::{ApiVersion, ConflictPolicy, VersionChoice};
use crate::cli::{ConflictArg, VersionArg};
use crate::config::{ConflictWord, RestoreDefaults, VersionWord};

/// Without a flag or a profile value a restore keeps the existing document: overwriting is
/// only ever asked for.
const BUILT_IN_CONFLICT: ConflictPolicy = ConflictPolicy::Keep;

const BUILT_IN_VERSION: VersionChoice = VersionChoice::Last;

/// What a restore does when the document is still there.
pub fn on_conflict(flag: Option<ConflictArg>, defaults: &RestoreDefaults) -> ConflictPolicy {
    let from_flag = flag.map(|arg| match arg {
        ConflictArg::Keep => ConflictPolicy::Keep,
        ConflictArg::Overwrite => ConflictPolicy::Overwrite,
    });
    let from_profile = defaults.on_conflict.map(|choice| match choice.0 {
        ConflictWord::Keep => ConflictPolicy::Keep,
        ConflictWord::Overwrite => ConflictPolicy::Overwrite,
    });
    from_flag.or(from_profile).unwrap_or(BUILT_IN_CONFLICT)
}

/// Which versions a copy brings back.
pub fn copy_version(flag: Option<VersionArg>, defaults: &RestoreDefaults) -> VersionChoice {
    version_from_flag(flag)
        .or(version_from_profile(defaults))
        .unwrap_or(BUILT_IN_VERSION)
}

/// Which versions a restore brings back. From v6 a restore body has no version (the server
/// restores the last one), so there the profile's value is passed over as the form passes it
/// over; a flag is still sent, and the client refuses `all` with a reason.
pub fn restore_version(
    flag: Option<VersionArg>,
    defaults: &RestoreDefaults,
    api: ApiVersion,
) -> VersionChoice {
    let from_profile = if api >= ApiVersion::V6 {
        None
    } else {
        version_from_profile(defaults)
    };
    version_from_flag(flag)
        .or(from_profile)
        .unwrap_or(BUILT_IN_VERSION)
}

fn version_from_flag(flag: Option<VersionArg>) -> Option<VersionChoice> {
    flag.map(|arg| match arg {
        VersionArg::All => VersionChoice::All,
        VersionArg::Last => VersionChoice::Last,
    })
}

fn version_from_profile(defaults: &RestoreDefaults) -> Option<VersionChoice> {
    defaults.version.map(|choice| match choice.0 {
        VersionWord::All => VersionChoice::All,
        VersionWord::Last => VersionChoice::Last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Choice;

    fn profile(version: Option<VersionWord>, on_conflict: Option<ConflictWord>) -> RestoreDefaults {
        RestoreDefaults {
            version: version.map(Choice),
            on_conflict: on_conflict.map(Choice),
            ..RestoreDefaults::default()
        }
    }

    #[test]
    fn nothing_said_keeps_the_document_and_takes_the_last_version() {
        let empty = RestoreDefaults::default();
        assert_eq!(on_conflict(None, &empty), ConflictPolicy::Keep);
        assert_eq!(copy_version(None, &empty), VersionChoice::Last);
        assert_eq!(
            restore_version(None, &empty, ApiVersion::V4),
            VersionChoice::Last
        );
    }

    #[test]
    fn the_profile_fills_in_and_the_flag_wins() {
        let overwrite = profile(Some(VersionWord::All), Some(ConflictWord::Overwrite));
        assert_eq!(on_conflict(None, &overwrite), ConflictPolicy::Overwrite);
        assert_eq!(
            on_conflict(Some(ConflictArg::Keep), &overwrite),
            ConflictPolicy::Keep
        );
        let keep = profile(None, Some(ConflictWord::Keep));
        assert_eq!(
            on_conflict(Some(ConflictArg::Overwrite), &keep),
            ConflictPolicy::Overwrite
        );

        assert_eq!(copy_version(None, &overwrite), VersionChoice::All);
        assert_eq!(
            copy_version(Some(VersionArg::Last), &overwrite),
            VersionChoice::Last
        );
        assert_eq!(
            restore_version(None, &overwrite, ApiVersion::V5),
            VersionChoice::All
        );
    }

    #[test]
    fn from_v6_a_restore_passes_over_the_profiles_version_but_not_the_flag() {
        let all = profile(Some(VersionWord::All), None);
        for api in [ApiVersion::V6, ApiVersion::V7, ApiVersion::V8] {
            assert_eq!(restore_version(None, &all, api), VersionChoice::Last);
            assert_eq!(
                restore_version(Some(VersionArg::All), &all, api),
                VersionChoice::All
            );
        }
    }
}
