//! Who may do what. Roles prevent mistakes and record who did what; the file's
//! permissions are the security boundary.

use serde::{Serialize, Serializer};

use super::invalid::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Everything, including adding operators.
    Admin,
    /// Equipment, bookings, downtime, people and training attendance.
    EquipmentManager,
    /// Reads only.
    Viewer,
}

/// A kind of write a use case performs; each use case names the one it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Capability {
    ManageOperators,
    ManageTenants,
    ManagePeople,
    ManageEquipment,
    ManageBookings,
    ManageTraining,
    RecordAttendance,
    Billing,
    LoadDemo,
    /// The centre's settings, and correcting recorded times of use.
    ManageSettings,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::EquipmentManager, Role::Viewer];
    pub const CODES: &'static [&'static str] = &["admin", "equipment-manager", "viewer"];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::EquipmentManager => "equipment-manager",
            Role::Viewer => "viewer",
        }
    }

    /// Accepts `equipment-manager` and `equipment_manager` alike.
    pub fn parse(raw: &str) -> Result<Role, Problem> {
        match raw.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "admin" => Ok(Role::Admin),
            "equipment-manager" => Ok(Role::EquipmentManager),
            "viewer" => Ok(Role::Viewer),
            _ => Err(Problem::OneOf { accepted: Role::CODES }),
        }
    }

    pub fn allows(self, cap: Capability) -> bool {
        use Capability as C;
        match self {
            Role::Admin => true,
            Role::EquipmentManager => {
                matches!(cap, C::ManagePeople | C::ManageEquipment | C::ManageBookings | C::RecordAttendance)
            }
            Role::Viewer => false,
        }
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_allow_what_the_design_says() {
        assert!(Role::Admin.allows(Capability::ManageOperators));
        assert!(Role::EquipmentManager.allows(Capability::ManageBookings));
        assert!(Role::EquipmentManager.allows(Capability::ManagePeople));
        assert!(Role::EquipmentManager.allows(Capability::RecordAttendance));
        assert!(!Role::EquipmentManager.allows(Capability::ManageTenants));
        assert!(!Role::EquipmentManager.allows(Capability::ManageOperators));
        assert!(!Role::EquipmentManager.allows(Capability::ManageTraining));
        assert!(!Role::Viewer.allows(Capability::ManagePeople));
    }

    #[test]
    fn parses_both_spellings() {
        assert_eq!(Role::parse("equipment_manager"), Ok(Role::EquipmentManager));
        assert_eq!(Role::parse("Equipment-Manager"), Ok(Role::EquipmentManager));
        assert!(Role::parse("root").is_err());
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Ok(r));
        }
    }
}
