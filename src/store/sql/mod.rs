//! Every SQL text of kiln, by area: each function binds typed values and
//! makes typed rows. Written in the subset both engines speak; where they
//! differ, the function picks its engine's own text.

pub mod audit;
pub mod booking;
pub mod calendar;
pub mod centre;
pub mod check;
pub mod company;
pub mod demo;
pub mod downtime;
pub mod equipment;
pub mod import;
pub mod lease;
pub mod operator;
pub mod person;
pub mod quota;
pub mod report;
pub mod room;
pub(crate) mod search;
pub mod setting;
pub mod statement;
pub mod training;
pub mod yearly;
