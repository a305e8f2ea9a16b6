//! A room of the centre building as typed, and its rules.

use super::invalid::{Field, ForField, Invalid, Problem};
use super::money::optional_won;
use super::text;
use super::{Area, RoomKind, Won};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomInput {
    pub code: String,
    pub floor: String,
    pub kind: String,
    pub area_m2: String,
    /// Won per m² per month; absent is none, but given it must be a sum.
    pub rent_per_m2: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRoom {
    pub code: String,
    pub floor: i64,
    pub kind: RoomKind,
    pub area: Area,
    pub rent_per_m2: Option<Won>,
}

pub const FLOORS: std::ops::RangeInclusive<i64> = -3..=20;

impl RoomInput {
    pub fn validate(&self) -> Result<NewRoom, Invalid> {
        let code = text::name(&self.code, 10).field(Field::RoomCode, &self.code)?;
        if code.contains(char::is_whitespace) {
            return Err(Invalid::new(Field::RoomCode, &self.code, Problem::Format { example: "301" }));
        }
        let range = Problem::OutOfRange { min: *FLOORS.start(), max: *FLOORS.end() };
        let floor: i64 =
            self.floor.trim().parse().map_err(|_| Invalid::new(Field::Floor, &self.floor, range.clone()))?;
        if !FLOORS.contains(&floor) {
            return Err(Invalid::new(Field::Floor, &self.floor, range));
        }
        let kind = RoomKind::parse(&self.kind).field(Field::Kind, &self.kind)?;
        let area = Area::from_m2(&self.area_m2).field(Field::Area, &self.area_m2)?;
        let rent_per_m2 = optional_won(self.rent_per_m2.as_deref(), Field::Rent)?;
        Ok(NewRoom { code, floor, kind, area, rent_per_m2 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RoomInput {
        RoomInput {
            code: "301".into(),
            floor: "3".into(),
            kind: "office".into(),
            area_m2: "66.12".into(),
            rent_per_m2: None,
        }
    }

    #[test]
    fn a_valid_room() {
        let r = input().validate().unwrap();
        assert_eq!((r.code.as_str(), r.floor, r.kind, r.area), ("301", 3, RoomKind::Office, Area(6612)));
    }

    #[test]
    fn refusals_name_their_field() {
        assert_eq!(RoomInput { code: "3 01".into(), ..input() }.validate().unwrap_err().field, Field::RoomCode);
        assert_eq!(RoomInput { floor: "삼".into(), ..input() }.validate().unwrap_err().field, Field::Floor);
        assert_eq!(RoomInput { floor: "99".into(), ..input() }.validate().unwrap_err().field, Field::Floor);
        assert_eq!(RoomInput { kind: "bedroom".into(), ..input() }.validate().unwrap_err().field, Field::Kind);
        assert_eq!(
            RoomInput { area_m2: "66.123".into(), ..input() }.validate().unwrap_err().problem,
            Problem::TooManyDecimals { max: 2 }
        );
        assert_eq!(RoomInput { rent_per_m2: Some("-1".into()), ..input() }.validate().unwrap_err().field, Field::Rent);
        assert_eq!(
            RoomInput { rent_per_m2: Some(String::new()), ..input() }.validate().unwrap_err().field,
            Field::Rent
        );
        let invisible = RoomInput { code: "1\u{200D}01".into(), ..input() }.validate().unwrap_err();
        assert_eq!(
            (invisible.field, invisible.problem),
            (Field::RoomCode, Problem::Invisible { code_point: '\u{200D}' })
        );
    }
}
