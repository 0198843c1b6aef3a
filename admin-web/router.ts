import { useEffect, useState } from 'hono/jsx/dom'

export type Route = { path: string; params: URLSearchParams }

const base = '/admin'
const changed = 'sipas:navigate'

const read = (): Route => ({
  path: location.pathname.slice(base.length).replace(/\/+$/, '') || '/',
  params: new URLSearchParams(location.search),
})

/** Goes to a screen; `replace` keeps the history clean when only filters change (they live in the URL). */
export function navigate(path: string, params?: URLSearchParams, { replace = false } = {}) {
  const query = params && [...params.keys()].length > 0 ? `?${params}` : ''
  history[replace ? 'replaceState' : 'pushState'](null, '', `${base}${path}${query}`)
  dispatchEvent(new Event(changed))
}

export function useRoute(): Route {
  const [route, setRoute] = useState(read)
  useEffect(() => {
    const update = () => setRoute(read())
    addEventListener('popstate', update)
    addEventListener(changed, update)
    return () => {
      removeEventListener('popstate', update)
      removeEventListener(changed, update)
    }
  }, [])
  return route
}

/** An in-app link: a real href (open in a new tab works), navigation without a page load. */
export function linkProps(path: string) {
  return {
    href: `${base}${path}`,
    onClick: (event: MouseEvent) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
      event.preventDefault()
      navigate(path)
    },
  }
}
