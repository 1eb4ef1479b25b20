// The compact form in which the JavaScript API hands commands to the engine: no JSON text on the
// way in. A command is its type and actor as small numbers, its time as a double, and then its
// fields in the order json/schema.hpp lists them, each tagged with its JavaScript kind:
//
//   command  := u8 type (command table index), u8 actor (0 client, 1 freelancer, 2 system,
//               3 any other string), f64 at, value for each field of the type
//   value    := u8 0 (absent: undefined or null)
//             | u8 1, u32 length, UTF-8 bytes      (a string)
//             | u8 2, f64                          (a number that is a safe integer)
//             | u8 3 | u8 4                        (true | false)
//             | u8 5, value for each field         (an object of the field's type)
//             | u8 6, u32 count, value × count     (an array)
//
// Numbers are little-endian. The writer (web/milestones.js) writes only what it can write
// exactly and sends JSON text otherwise; the reader says no to any value its field cannot take,
// and the JSON path then words the refusal. Both paths give the same command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/commands.hpp"

namespace milestones {

/// Reads one command from the front of `tape` into `out` and drops its bytes; false when the tape
/// does not hold a command this reader can take exactly (the caller then sends the command as
/// JSON; `out` is then of no use).
bool read_tape(std::string_view& tape, command& out);

/// The field order the writer follows, as JSON: {"commands": [[name, fields], …]} where fields is
/// [[key, null | fields of the object, or of each object in the array], …], in table order.
std::string tape_schema();

}  // namespace milestones
