package server

import "github.com/go-chi/chi/v5"

// RoutesOf exposes the route tree to the authorisation matrix test.
func RoutesOf(s *Server) chi.Routes { return s.handler.(chi.Routes) }
