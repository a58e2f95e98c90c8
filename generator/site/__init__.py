"""Facts -> pages: routes, the page table, rendering with the theme, the calendar."""
