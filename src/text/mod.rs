//! Text handling shared by drafts and sources: reading documents into prose,
//! normalizing characters, and splitting prose into tokens.

pub mod apparatus;
pub mod document;
pub mod normalize;
pub mod numbers;
pub mod prose;
pub mod sentences;
pub mod tokenize;

pub use document::{Block, BlockKind, Document, Format};
pub use prose::ProseText;
pub use tokenize::{Token, TokenKind};
