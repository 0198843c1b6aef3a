-- Citizens' voice: comments read in an inbox, turned into feedback cases (phản ánh, kiến nghị) that a unit
-- answers, and a follow-up code the citizen reads the answer with.

-- Vietnamese text, lower-cased letter by letter (the database's own lower() may know ASCII only).
create function lower_vi(text) returns text language sql immutable parallel safe as $$
  select lower(translate(normalize($1, NFC),
    'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ',
    'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'))
$$;

-- The same without diacritics ("Chờ lâu" → "cho lau"), so a search typed without them finds the comment.
create function fold_vi(text) returns text language sql immutable parallel safe as $$
  select translate(lower_vi($1),
    'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ',
    'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')
$$;

-- A follow-up code shown to a citizen who left a comment: only its hash is kept, as for invitation tokens.
create table follow_up_codes (
  code_hash bytea primary key,
  response_id uuid not null unique references responses
);

-- A comment taken up as a case. Days only, never a time of day: the case must not tell when the citizen was
-- served. `unit_id` is the rated unit (who may read it), `assignee_unit_id` the unit that answers.
create table feedback_cases (
  id int generated always as identity primary key,
  response_id uuid not null unique references responses,
  unit_id int not null references units,
  assignee_unit_id int not null references units,
  category text not null check (category in ('phan_anh', 'kien_nghi')),
  status text not null default 'received' check (status in ('received', 'in_progress', 'answered', 'closed')),
  received_on date not null,
  due_on date not null check (due_on >= received_on),
  answer text check (length(answer) between 1 and 4000),
  answered_on date check (answered_on >= received_on),
  check ((status in ('answered', 'closed')) = (answer is not null and answered_on is not null))
);
create index feedback_cases_unit_idx on feedback_cases (unit_id, received_on);
create index feedback_cases_assignee_idx on feedback_cases (assignee_unit_id, status);
