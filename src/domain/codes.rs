//! The closed vocabularies of the centre: each word has one code, used in the
//! database, the CLI and exports. Labels in Korean and English live in i18n.

use super::invalid::Problem;

/// Declares an enum whose variants have fixed code words: serialized as the
/// code, and read back from it (a stored code that is not one is an error).
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const CODES: &'static [&'static str] = &[$($code),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Accepts the code; `_` may stand for `-`.
            pub fn parse(raw: &str) -> Result<Self, $crate::domain::invalid::Problem> {
                let s = raw.trim().to_ascii_lowercase().replace('_', "-");
                match s.as_str() {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::domain::invalid::Problem::OneOf { accepted: Self::CODES }),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                Self::parse(&s).map_err(|_| ::serde::de::Error::unknown_variant(&s, Self::CODES))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use coded;

coded! {
    /// Where a company is: the three areas of the cluster plan.
    Zone {
        /// 강릉 과학산업단지, the centre itself.
        Gangneung = "gangneung",
        /// 북평, the scale-up plant complex.
        Bukpyeong = "bukpyeong",
        /// 원료산지: Donghae, Samcheok, Taebaek, Jeongseon.
        RawMaterial = "raw-material",
    }
}

impl Zone {
    /// The 2010 target for companies in the zone.
    pub fn target(self) -> u32 {
        match self {
            Zone::Gangneung => 40,
            Zone::Bukpyeong => 30,
            Zone::RawMaterial => 20,
        }
    }
}

coded! {
    /// Where a company is in its life at the centre.
    Stage {
        PreStartup = "pre-startup",
        /// Under three years.
        Early = "early",
        Growth = "growth",
        Graduated = "graduated",
        Withdrawn = "withdrawn",
    }
}

impl Stage {
    /// Graduated and withdrawn companies have left: no new leases.
    pub fn has_left(self) -> bool {
        matches!(self, Stage::Graduated | Stage::Withdrawn)
    }
}

coded! {
    /// What a company makes.
    Sector {
        Structural = "structural",
        Electronic = "electronic",
        Bio = "bio",
        Glass = "glass",
        Refractory = "refractory",
        RawMaterial = "raw-material",
        Other = "other",
    }
}

coded! {
    /// What a room is used for.
    RoomKind {
        Office = "office",
        Lab = "lab",
        PilotPlant = "pilot-plant",
        Storage = "storage",
        Classroom = "classroom",
        Shared = "shared",
    }
}

coded! {
    /// What a machine is for.
    Category {
        /// XRD, SEM, particle size, TGA/DSC …
        Analysis = "analysis",
        /// Ball mill, spray dryer, presses, kilns and furnaces, 3D printer …
        Processing = "processing",
        /// Strength, hardness, thermal shock …
        Testing = "testing",
    }
}

coded! {
    /// How use of a machine is charged.
    BillingUnit {
        Hour = "hour",
        Sample = "sample",
    }
}

coded! {
    /// Who a billing party (청구처) is.
    PartyKind {
        /// A company of the cluster: its party is made with it.
        Company = "company",
        /// An outside organisation with a BRN: a university's 산학협력단, a
        /// research institute, a firm outside the cluster.
        Organisation = "organisation",
        /// A person who pays for themself.
        Individual = "individual",
    }
}

coded! {
    /// Why a machine is down.
    DowntimeReason {
        Maintenance = "maintenance",
        Calibration = "calibration",
        Fault = "fault",
    }
}

coded! {
    /// How a trainee attended a session.
    Attendance {
        Present = "present",
        Late = "late",
        Absent = "absent",
        /// Absent with a reason accepted (공결).
        Excused = "excused",
    }
}

coded! {
    /// A person's place in a cohort.
    EnrolmentStatus {
        Enrolled = "enrolled",
        Waitlisted = "waitlisted",
        Cancelled = "cancelled",
        Completed = "completed",
        Failed = "failed",
    }
}

coded! {
    /// How a payment came in.
    PaymentMethod {
        Transfer = "transfer",
        Card = "card",
        Cash = "cash",
        Other = "other",
    }
}

impl RoomKind {
    /// Rooms a company can lease; classrooms and shared rooms are the
    /// centre's own and count neither for nor against occupancy.
    pub fn is_leasable(self) -> bool {
        matches!(self, RoomKind::Office | RoomKind::Lab | RoomKind::PilotPlant | RoomKind::Storage)
    }
}

/// A code like `P-0042`: a prefix, a dash and at least four digits.
pub fn numbered(prefix: &str, n: i64) -> String {
    format!("{prefix}-{n:04}")
}

/// Reads the number of a code like `P-0042` (also `p-42` or `42`).
pub fn parse_numbered(prefix: &str, raw: &str, example: &'static str) -> Result<i64, Problem> {
    let s = raw.trim();
    let digits = s
        .get(..prefix.len() + 1)
        .filter(|p| p.eq_ignore_ascii_case(&format!("{prefix}-")))
        .map_or(s, |_| &s[prefix.len() + 1..]);
    if digits.is_empty() || digits.len() > 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::Format { example });
    }
    digits.parse().map_err(|_| Problem::Format { example })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for z in Zone::ALL {
            assert_eq!(Zone::parse(z.code()), Ok(*z));
        }
        assert_eq!(Zone::parse("RAW_MATERIAL"), Ok(Zone::RawMaterial));
        assert_eq!(Stage::parse("pre_startup"), Ok(Stage::PreStartup));
        assert!(matches!(Zone::parse("seoul"), Err(Problem::OneOf { .. })));
        for u in BillingUnit::ALL {
            let json = serde_json::to_string(u).unwrap();
            assert_eq!(serde_json::from_str::<BillingUnit>(&json).unwrap(), *u, "{json}");
        }
        assert!(serde_json::from_str::<BillingUnit>("\"day\"").is_err());
        assert_eq!(Zone::ALL.iter().map(|z| z.target()).sum::<u32>(), 90);
    }

    #[test]
    fn numbered_codes() {
        assert_eq!(numbered("P", 42), "P-0042");
        assert_eq!(numbered("P", 12345), "P-12345");
        assert_eq!(parse_numbered("P", "P-0042", "P-0001"), Ok(42));
        assert_eq!(parse_numbered("P", "p-42", "P-0001"), Ok(42));
        assert_eq!(parse_numbered("P", "42", "P-0001"), Ok(42));
        assert!(parse_numbered("P", "Q-42", "P-0001").is_err());
        assert!(parse_numbered("P", "P-", "P-0001").is_err());
        assert!(parse_numbered("P", "P-1234567890123", "P-0001").is_err());
    }
}
