//! The types of the generated field tables (`schema_tables.rs`): a leaf, so
//! that the tables and the decoder that reads them both depend on it and not
//! on each other.

/// How a field holds its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One value.
    One,
    /// A JSON array of values.
    List,
    /// A JSON object with arbitrary keys (`additionalProperties`).
    Map,
}

/// The type of one value of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Int32,
    Int64,
    Number,
    Bool,
    /// `resource.Quantity`: a string or a number that parses as a quantity.
    Quantity,
    /// `intstr.IntOrString`: an int32 or a string.
    IntOrString,
    /// Any JSON (e.g. `FieldsV1`).
    FreeForm,
    /// An object of `TYPES[i]`.
    Object(u16),
    /// A string from the fixed set `ENUMS[i]` (only apiVersion and kind carry
    /// one; the seed rules report their values, so the decoder checks only
    /// the type).
    Enum(u16),
}

/// One field of a type, in the versions of the bitmask `versions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    /// Bit `minor - OLDEST_MINOR` is set when the field exists in `1.minor`.
    pub versions: u8,
    pub shape: Shape,
    pub kind: Kind,
}

/// An object type: its fields sorted by name (bytewise); a name appears more
/// than once when its type changed between versions (disjoint masks).
#[derive(Debug)]
pub struct TypeDef {
    /// Short Go type name, e.g. `PodSpec`.
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl TypeDef {
    /// Every entry named `name`, whatever its versions.
    pub fn entries(&self, name: &str) -> &'static [Field] {
        let fields = self.fields;
        let start = fields.partition_point(|f| f.name < name);
        let len = fields[start..]
            .iter()
            .take_while(|f| f.name == name)
            .count();
        &fields[start..start + len]
    }

    /// The entry named `name` that exists in the versions of `bit`.
    pub fn field(&self, name: &str, bit: u8) -> Option<&'static Field> {
        self.entries(name).iter().find(|f| f.versions & bit != 0)
    }
}
